import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Database } from '../../db/database.js';
import { runWithQueryClass } from '../../db/query-class.js';
import type { Logger } from '../logger.js';
import { duePulls } from '../queries/feed-pulls.js';
import { runPull, type PullOptions } from './run-pull.js';

export interface PullSchedulerOptions extends PullOptions {
  /** How often the instance looks for due pulls (default 60 s). */
  pollMs?: number;
  /** Due pulls taken per look (default 5); they run one after the other. */
  perPoll?: number;
  /** This instance's name in the job table (default: host, process and a random part). */
  worker?: string;
  /** How long stop() waits for a pull in progress before giving up on it (default 5 s). */
  stopGraceMs?: number;
  logger?: Logger;
}

/**
 * Runs the feeds' scheduled pulls from the job table (feed_pull_schedules).
 * Every instance of the server runs one: each look lists the due schedules,
 * then claims them one at a time (FOR UPDATE SKIP LOCKED, in a transaction
 * acting for the feed's jurisdiction), so instances side by side share the
 * work and never pull one feed twice at once. In embedded mode the same table
 * and the same code run in the one process, on this timer. Pulls run one
 * after another, in the write class, never on a request's connection.
 */
export class PullScheduler {
  readonly worker: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly options: PullSchedulerOptions = {},
  ) {
    this.worker = options.worker ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Starts looking for due pulls: the first look a few seconds after start, then every pollMs. */
  start(firstAfterMs = 5_000): void {
    if (this.stopped || this.timer) return;
    this.schedule(firstAfterMs);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick().finally(() => this.schedule(this.options.pollMs ?? 60_000));
    }, ms);
    this.timer.unref();
  }

  /** One look: claims and runs every due pull it can (up to perPoll); answers how many it ran. */
  tick(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.runDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runDue(): Promise<number> {
    let ran = 0;
    try {
      const due = await runWithQueryClass('write', () => duePulls(this.db, this.options.perPoll ?? 5));
      for (const d of due) {
        if (this.stopped) break;
        try {
          const r = await runWithQueryClass(
            'write',
            () => runPull(this.db, { feedId: d.feed_id, worker: this.worker, trigger: 'schedule' }, this.options),
            d.jurisdiction_id,
          );
          if (!r.claimed) continue;
          ran += 1;
          this.options.logger?.info(
            { feed_id: d.feed_id, pull_id: r.pullId, outcome: r.end.outcome, error_code: r.end.error?.code },
            'scheduled pull',
          );
        } catch (err) {
          // One feed's trouble (its claim runs out on its own) does not hold up the others.
          this.options.logger?.warn({ err, feed_id: d.feed_id }, 'scheduled pull could not be recorded');
        }
      }
    } catch (err) {
      // The database is down or restarting: the next look tries again.
      this.options.logger?.warn({ err }, 'scheduled pulls: could not look for due pulls');
    }
    return ran;
  }

  /**
   * Stops looking; a pull in progress gets stopGraceMs to finish. One cut off
   * then is closed as interrupted by the next claim of its feed, once its
   * lease has run out, and pulled again.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const running = this.running;
    if (!running) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      running.catch(() => undefined),
      new Promise<void>((r) => {
        grace = setTimeout(r, this.options.stopGraceMs ?? 5_000);
      }),
    ]);
    clearTimeout(grace);
  }
}
