import { execFile } from 'node:child_process';

/**
 * A citizen's nearest answer while a steward's upload is processed, against
 * the same server with no upload, measured in the same run: the crafted
 * uploads of issue 12 and the measure shared by
 * tests/reliability/upload-isolation.test.ts and the benchmarks.
 */

/** The review's upload: a header of 60,000 columns, then rows as wide. */
export function wideHeaderCsv(columns = 60_000, rows = 20): Buffer {
  const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(',');
  const row = Array.from({ length: columns }, () => 'x').join(',');
  return Buffer.from([header, ...Array.from({ length: rows }, () => row)].join('\n'));
}

/** Coordinate cells with thousands of spaces inside: each was a backtracking regular expression's worst case. */
export function paddedCoordinatesCsv(rows = 300, pad = 6000): Buffer {
  const cell = `45${' '.repeat(pad)}.9`;
  const lines = ['id,name,city,province,lat,lon'];
  for (let i = 0; i < rows; i++) lines.push(`P${i},Office ${i},Fredericton,NB,${cell},${cell}`);
  return Buffer.from(lines.join('\n'));
}

/** One quoted cell of `mb` MiB (under the reader's 16 MiB record limit), between ordinary rows. */
export function hugeCellCsv(mb = 15): Buffer {
  const lines = ['id,name,city,province,lat,lon', 'H0,Service office,Fredericton,NB,45.96,-66.64'];
  lines.push(`H1,"${'Bureau de service '.repeat(Math.floor((mb * 1024 * 1024) / 18))}",Fredericton,NB,45.97,-66.65`);
  lines.push('H2,Service office 2,Fredericton,NB,45.98,-66.66');
  return Buffer.from(lines.join('\n'));
}

/** A large ordinary feed: many rows for the worker to read and the database to store. */
export function largeCsv(rows = 30_000): Buffer {
  const lines = ['id,name,city,province,lat,lon'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `L${i},Service office ${i},Fredericton,NB,${(45.5 + (i % 1000) / 2000).toFixed(5)},${(-66.9 + (i % 997) / 2000).toFixed(5)}`,
    );
  return Buffer.from(lines.join('\n'));
}

/** Posts a file to a feed's versions with curl, from another process, as a steward's client would. */
export function uploadWithCurl(
  serverUrl: string,
  key: string,
  feedId: string,
  file: string,
  query = '',
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    execFile(
      'curl',
      [
        '-sS',
        '-H',
        `Authorization: Bearer ${key}`,
        '-F',
        `file=@${file};filename=crafted.csv`,
        `${serverUrl}/api/feeds/${encodeURIComponent(feedId)}/versions${query}`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
  });
}

export interface UploadLatency {
  /** Nearest answers (ms) with no upload: a window before the upload and one after it, as many as during. */
  idle: number[];
  /** Nearest answers (ms) while the upload was sent and processed. */
  during: number[];
  /** The upload's answer (JSON text). */
  answer: string;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One citizen asking nearest again and again (5 ms apart): for `idleMs` with no
 * upload, then while `upload` runs, then with no upload again until there are
 * as many idle answers after as during (at least `idleMs`). The idle baseline
 * comes from the same minutes of the same machine on both sides of the upload,
 * so other work on a shared machine weighs on both alike.
 */
export async function nearestDuringUpload(
  serverUrl: string,
  upload: () => Promise<string>,
  options: {
    idleMs?: number;
    nearestPath?: string;
    /** Called as each window starts ('end' after the last): a test can watch its own thread per window. */
    onWindow?: (w: 'before' | 'during' | 'after' | 'end') => void;
  } = {},
): Promise<UploadLatency> {
  const onWindow = options.onWindow ?? (() => undefined);
  const idleMs = options.idleMs ?? 1500;
  const path = options.nearestPath ?? '/api/service-points/nearest?lon=-66.64&lat=45.96&limit=5';
  const nearest = async (): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(`${serverUrl}${path}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`nearest answered ${res.status}`);
    return performance.now() - t0;
  };
  const idle: number[] = [];
  onWindow('before');
  const before = performance.now() + idleMs;
  while (performance.now() < before) {
    idle.push(await nearest());
    await pause(5);
  }
  let done = false;
  onWindow('during');
  const sent = upload().finally(() => {
    done = true;
  });
  const during: number[] = [];
  while (!done) {
    during.push(await nearest());
    await pause(5);
  }
  const answer = await sent;
  onWindow('after');
  const after = performance.now() + idleMs;
  let afterCount = 0;
  while (performance.now() < after || afterCount < during.length) {
    idle.push(await nearest());
    afterCount += 1;
    await pause(5);
  }
  onWindow('end');
  return { idle, during, answer };
}
