import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createPgDatabase } from '../../db/pg-database.js';
import { runWithQueryClass } from '../../db/query-class.js';
import { replayedBytes, withReadReplicas } from '../../db/read-replicas.js';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import { loadAndPublish, stablePointId } from '../../data-loaders/lib/publish-feed.js';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { reportFor } from '../fixtures/tiny-feeds.js';
import { StreamingReplica, replicaSkipReason } from '../support/streaming-replica.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

const skip = replicaSkipReason();
if (skip) console.warn(`Skipping the read-replica test: ${skip}.`);

const FEED: FeedSpec = {
  id: 'replica-feed',
  jurisdiction_id: 'ca-nb',
  name_en: 'Replica test offices',
  name_fr: 'Bureaux d’essai de réplique',
  format: 'csv',
  licence: 'Test licence',
};
const POINT_ID = stablePointId(FEED.id, 'R1');

function version(name: string): PointRecord[] {
  return [
    {
      source_id: 'R1',
      name_en: name,
      categories: [],
      languages: ['en'],
      accessibility: [],
      lon: -66.66,
      lat: 45.96,
      geocode_quality: 'source',
      extra: {},
    },
  ];
}

async function publish(db: Database, name: string): Promise<void> {
  const records = version(name);
  await loadAndPublish(db, FEED, { checksum: name, sourceName: 'replica.csv', records, report: reportFor(records) });
}

async function until(what: string, ok: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(skip !== null)('citizens read from a streaming replica (READ_DATABASE_URL)', () => {
  let t: TestDatabase;
  let replica: StreamingReplica;
  let replicaUrl: string;
  /** Replicas allowed to lag an hour: citizens' reads stay on the replica while its replay is paused. */
  let patient: Database;
  /** Replicas allowed to lag one second. */
  let strict: Database;
  const apps: Record<'patient' | 'strict', ReturnType<typeof createApp>> = {} as never;
  const logger = createLogger('silent');
  const nameOf = async (app: ReturnType<typeof createApp>) =>
    (await request(app).get(`/api/service-points/${POINT_ID}`).expect(200)).body.name as string;
  const replicaState = async (app: ReturnType<typeof createApp>) =>
    (await request(app).get('/api/ready').expect(200)).body.replicas[0];
  const primaryHead = async () =>
    (await t.db.query<{ lsn: number }>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS lsn")).rows[0]!
      .lsn;
  const caughtUp = async () => (await replayedBytes(replicaUrl)) >= (await primaryHead());
  /**
   * Each test builds the state it reads: it publishes its own version of the office on the primary, waits for the
   * replica to replay it and for both databases to have checked the replica since, so citizens' reads go to it again
   * whatever an earlier test did (paused its replay, stopped it, or wrote through this process).
   */
  const publishAndReplay = async (name: string) => {
    await publish(t.db, name);
    await until('the replica to replay the publish', caughtUp);
    const replayedAt = new Date().toISOString();
    for (const app of [apps.patient, apps.strict]) {
      await until('the replica to be checked since and found up', async () => {
        const state = await replicaState(app);
        return state.state === 'ok' && state.checked_at > replayedAt;
      });
    }
  };

  beforeAll(async () => {
    t = await openTestDatabase('postgis');
    await publish(t.db, 'Replica office, first version');
    replica = new StreamingReplica();
    try {
      await replica.start();
    } catch (err) {
      throw new Error(`could not start the replica: ${(err as Error).message}\n${replica.log()}`, { cause: err });
    }
    replicaUrl = replica.urlFor(t.url!);
    // Opened for batch work, as a command-line load in this process would be: its writes act for every
    // jurisdiction, and the test's own publishes through it are the writes the replica logic must follow.
    patient = withReadReplicas(createPgDatabase(t.url!, { max: 4, batch: true }), [replicaUrl], {
      maxLagSeconds: 3600,
      checkEveryMs: 100,
      poolMax: 4,
    });
    strict = withReadReplicas(createPgDatabase(t.url!, { max: 4, batch: true }), [replicaUrl], {
      maxLagSeconds: 1,
      checkEveryMs: 100,
      poolMax: 4,
    });
    const config = { CLIENT_DIST: '/nonexistent' };
    apps.patient = createApp({ db: patient, config, logger, nearestIndex: null });
    apps.strict = createApp({ db: strict, config, logger, nearestIndex: null });
  }, 600_000);

  afterAll(async () => {
    await patient?.close();
    await strict?.close();
    replica?.destroy();
    await t?.cleanup();
  });

  it('GET /api/ready reports the replica, up and caught up', async () => {
    await publishAndReplay('Replica office, version read by the readiness check');
    await until('the replica to be checked', async () => (await replicaState(apps.patient)).state === 'ok');
    const state = await replicaState(apps.patient);
    expect(state).toMatchObject({ name: 'replica 1', state: 'ok' });
    expect(state.lag_seconds).toBeLessThanOrEqual(1);
    expect(JSON.stringify(state)).not.toContain('finder:finder');
  });

  it('a publish on the primary reaches citizens through the replica', async () => {
    await publishAndReplay('Replica office, second version');
    await until('the API to read it', async () => (await nameOf(apps.patient)) === 'Replica office, second version');
    const nearest = await request(apps.patient)
      .get('/api/service-points/nearest?lon=-66.66&lat=45.96&limit=1')
      .expect(200);
    expect(nearest.body.results[0]).toMatchObject({
      id: POINT_ID,
      name: 'Replica office, second version',
      distance_m: 0,
    });
  });

  it('reads come from the replica: with its replay paused, citizens still see its version; a steward sees the primary', async () => {
    await publishAndReplay('Replica office, second version');
    await replica.admin('SELECT pg_wal_replay_pause()');
    try {
      await publish(t.db, 'Replica office, third version');
      // The replica has not replayed the third version: citizens' reads that answer the second come from it.
      await new Promise((r) => setTimeout(r, 300));
      expect(await nameOf(apps.patient)).toBe('Replica office, second version');
      // A steward's own reads (an API key's jurisdiction) stay on the primary.
      const steward = await runWithQueryClass(
        'citizen',
        () =>
          patient.query<{ name_en: string }>('SELECT name_en FROM service_points WHERE id = $1 AND is_published', [
            POINT_ID,
          ]),
        'ca-nb',
      );
      expect(steward.rows[0]!.name_en).toBe('Replica office, third version');
      // A replica lagging past the bound is skipped: reads go to the primary.
      await until(
        'the strict bound to skip the replica',
        async () => (await replicaState(apps.strict)).state === 'lagging',
      );
      expect(await nameOf(apps.strict)).toBe('Replica office, third version');
      // A write made through this process: the writer's next read does not go back in time.
      await publish(patient, 'Replica office, fourth version');
      expect(await nameOf(apps.patient)).toBe('Replica office, fourth version');
    } finally {
      await replica.admin('SELECT pg_wal_replay_resume()');
    }
    await until('the replica to catch up', caughtUp);
    await until(
      'the strict bound to take the replica back',
      async () => (await replicaState(apps.strict)).state === 'ok',
    );
  });

  it('a replica that goes down is skipped, and citizens are still answered', async () => {
    await publishAndReplay('Replica office, version before the replica goes down');
    replica.stop();
    try {
      await until('the replica to be reported down', async () => (await replicaState(apps.patient)).state === 'down');
      expect(await nameOf(apps.patient)).toBe('Replica office, version before the replica goes down');
      const nearest = await request(apps.patient)
        .get('/api/service-points/nearest?lon=-66.66&lat=45.96&limit=1')
        .expect(200);
      expect(nearest.body.results).toHaveLength(1);
    } finally {
      // The other tests, in whatever order they run, read through the replica: bring it back.
      replica.restart();
    }
    await until('the replica to be reported up again', async () => (await replicaState(apps.patient)).state === 'ok');
  });
});
