import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const BIN = '/usr/lib/postgresql/15/bin';
/** Where the local cluster (the one DATABASE_URL names) listens on a Unix socket, for peer authentication as `postgres`. */
const PRIMARY_SOCKET_DIR = process.env['PRIMARY_SOCKET_DIR'] ?? '/var/run/postgresql';

/** Why this machine cannot start a streaming replica of the local cluster, or null when it can. */
export function replicaSkipReason(): string | null {
  if (!process.env['DATABASE_URL']) return 'DATABASE_URL is not set (no local cluster to replicate)';
  if (!fs.existsSync(path.join(BIN, 'pg_basebackup'))) return `no PostgreSQL 15 binaries in ${BIN}`;
  const uid = process.getuid?.();
  if (uid !== 0 && os.userInfo().username !== 'postgres')
    return 'a replica cluster must run as the postgres OS user: run the tests as root or postgres';
  if (!fs.existsSync(PRIMARY_SOCKET_DIR))
    return `no Unix socket directory ${PRIMARY_SOCKET_DIR} for the local cluster (set PRIMARY_SOCKET_DIR)`;
  return null;
}

function asPostgres(cmd: string, args: string[], timeoutMs = 600_000): string {
  const asRoot = process.getuid?.() === 0;
  const file = asRoot ? 'runuser' : path.join(BIN, cmd);
  const argv = asRoot ? ['-u', 'postgres', '--', path.join(BIN, cmd), ...args] : args;
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/**
 * A real streaming replica of the local cluster: `pg_basebackup -R` (as
 * `.ci/run`'s cluster allows: wal_level replica, a replication line for
 * `postgres` over the local socket) into a second cluster on another port,
 * started as the `postgres` OS user.
 */
export class StreamingReplica {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-replica-'));
  port = 0;
  private settings: string[] = [];

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  async start(): Promise<void> {
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', this.dir]);
    this.port = await freePort();
    const primaryPort = new URL(process.env['DATABASE_URL']!).port || '5432';
    asPostgres('pg_basebackup', [
      '-D',
      this.data,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '-h',
      PRIMARY_SOCKET_DIR,
      '-p',
      primaryPort,
      '-U',
      'postgres',
    ]);
    // Debian keeps the configuration in /etc, outside the data directory: give the replica its own.
    const own = (name: string, text: string) => {
      const f = path.join(this.data, name);
      if (!fs.existsSync(f)) {
        fs.writeFileSync(f, text);
        if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', f]);
      }
    };
    own('postgresql.conf', '# replica made by tests/support/streaming-replica.ts\n');
    own('pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n');
    own('pg_ident.conf', '');
    // A hot standby needs at least the primary's connection and lock limits.
    const primary = new pg.Client({ connectionString: process.env['DATABASE_URL'] });
    await primary.connect();
    const limits = (
      await primary.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')",
      )
    ).rows;
    await primary.end();
    this.settings = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c hot_standby=on',
      '-c fsync=off',
      '-c shared_buffers=32MB',
      '-c log_min_messages=warning',
      ...limits.map((l) => `-c ${l.name}=${l.setting}`),
    ];
    this.launch();
  }

  /** Starts the replica again after stop(), on the same port and data: it resumes streaming where it left off. */
  restart(): void {
    this.launch();
  }

  private launch(): void {
    asPostgres('pg_ctl', [
      '-D',
      this.data,
      '-w',
      '-t',
      '120',
      '-l',
      path.join(this.dir, 'log'),
      '-o',
      this.settings.join(' '),
      'start',
    ]);
  }

  /** The URL of `primaryUrl`'s database (same role and password) on the replica. */
  urlFor(primaryUrl: string): string {
    const u = new URL(primaryUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  /** A superuser connection to the replica over its socket (pause or resume replay). */
  async admin<T>(sql: string): Promise<T[]> {
    const c = new pg.Client({ host: this.dir, port: this.port, user: 'postgres', database: 'postgres' });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  }

  stop(): void {
    asPostgres('pg_ctl', ['-D', this.data, '-w', '-m', 'fast', 'stop']);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  log(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'log'), 'utf8').slice(-3000);
    } catch {
      return '';
    }
  }
}
