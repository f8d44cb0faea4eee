import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';
export const HAS_POSTGRES_BINARIES = fs.existsSync(path.join(BIN, 'pg_ctl'));

/**
 * A PostgreSQL cluster of the test's own (initdb in a temp folder, its own
 * port), so a test can stop and restart the server without touching the
 * cluster other tests use. PostgreSQL refuses to run as root: as root the
 * commands run as the `postgres` user.
 */
export class PrivatePostgres {
  readonly dir: string;
  port = 0;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-private-pg-'));
  }

  private run(cmd: string, args: string[]): string {
    const asRoot = process.getuid?.() === 0;
    const file = asRoot ? 'runuser' : path.join(BIN, cmd);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(BIN, cmd), ...args] : args;
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async init(): Promise<void> {
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', this.dir]);
    this.port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    this.run('initdb', [
      '-D',
      path.join(this.dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    this.start();
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    this.run('pg_ctl', [
      '-D',
      path.join(this.dir, 'data'),
      '-w',
      '-l',
      path.join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  stop(): void {
    this.run('pg_ctl', ['-D', path.join(this.dir, 'data'), '-w', '-m', 'fast', 'stop']);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
