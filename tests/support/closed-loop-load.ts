import { percentile } from '../../bench/figures.js';

export interface LoadOptions {
  /** Base URL of a listening server (tests/support/listen.ts). */
  url: string;
  /** Concurrent clients, each sending its next request when the previous one has answered. */
  connections: number;
  /** Clients start no request after this; requests in flight then still finish (or time out). */
  seconds: number;
  /** The path of the i-th request. */
  path: (i: number) => string;
  /** A request not answered within this counts as a timeout (status 0). */
  timeoutMs: number;
}

export interface LoadFigures {
  requests: number;
  /** HTTP status -> count; 0 for a timeout or a failed connection. */
  statuses: Record<string, number>;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Requests per second over the whole run, the tail included. */
  rps: number;
}

/**
 * A closed-loop load over HTTP: unlike a load generator that stops at its
 * deadline and forgets what is in flight, every request sent is waited for and
 * timed, so a request stuck behind a busy pool shows in the tail (or as a
 * timeout) instead of vanishing from the figures.
 */
export async function closedLoopLoad(o: LoadOptions): Promise<LoadFigures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  async function client(): Promise<void> {
    while (performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      let status: number;
      try {
        const res = await fetch(`${o.url}${o.path(i)}`, { signal: AbortSignal.timeout(o.timeoutMs) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: o.connections }, client));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    statuses,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    rps: latencies.length / elapsed,
  };
}
