import { parseArgs } from 'node:util';
import { createApiKey, useApiKeySecret } from '../server/auth/api-keys.js';
import { loadConfig } from '../server/config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { insertMunicipalJurisdiction } from '../server/queries/insert-municipal-jurisdiction.js';
import { jurisdictionById } from '../server/queries/jurisdiction-by-id.js';
import { listApiKeys } from '../server/queries/list-api-keys.js';
import { revokeApiKey } from '../server/queries/revoke-api-key.js';

const USAGE = `Usage:
  npm run keys -- create --jurisdiction ID [--label TEXT]
      prints a new API key for the jurisdiction as the last line (shown once; only its hash is stored)
      Indigenous governments: ca-fn-<band number> (or fn-<band number>), ca-inuit-<region>, ca-metis-<nation>
      (inuit-... and metis-... work too); docs/jurisdictions.md lists them
  npm run keys -- create --jurisdiction ca-XX-name --name-en NAME [--name-fr NOM] [--label TEXT]
      also adds the municipality ca-XX-name under province or territory ca-XX when it does not exist
  npm run keys -- list [--jurisdiction ID]
  npm run keys -- revoke PREFIX            (PREFIX is the spf_xxxxxxxx part of the key)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      jurisdiction: { type: 'string' },
      label: { type: 'string' },
      'name-en': { type: 'string' },
      'name-fr': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  const command = positionals[0];
  if (values.help || !command || !['create', 'list', 'revoke'].includes(command)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  // Keys made here are hashed as the server will verify them: under API_KEY_SECRET when it is set.
  useApiKeySecret(config.API_KEY_SECRET);
  const db = await openDatabase(config, 'batch');
  try {
    await migrate(db);
    if (command === 'create') {
      // Indigenous governments by the short form people use: fn-123 is ca-fn-123.
      const given = values.jurisdiction?.trim().toLowerCase();
      const id = given && /^(fn|inuit|metis)-[a-z0-9-]+$/.test(given) ? `ca-${given}` : given;
      if (!id) {
        console.error('Give --jurisdiction ID (ca, ca-nb, ca-on-toronto ...).');
        return 2;
      }
      let jurisdiction = await jurisdictionById(db, id);
      if (!jurisdiction && values['name-en']) {
        jurisdiction = await insertMunicipalJurisdiction(db, {
          id,
          nameEn: values['name-en'],
          nameFr: values['name-fr'] ?? values['name-en'],
        });
        if (jurisdiction)
          console.log(
            `Added the municipality ${jurisdiction.id} (${jurisdiction.name_en}) under ${jurisdiction.parent_id}.`,
          );
      }
      if (!jurisdiction) {
        console.error(
          `No jurisdiction "${id}". Provinces and territories are ca-XX; First Nations ca-fn-<band number>; ` +
            'add a municipality with an id ca-XX-name and --name-en NAME.',
        );
        return 1;
      }
      const created = await createApiKey(db, jurisdiction.id, values.label ?? null);
      console.log(
        `API key ${created.prefix} for ${jurisdiction.id} (${jurisdiction.name_en}). It is shown once; store it now.`,
      );
      console.log(created.key);
      return 0;
    }
    if (command === 'list') {
      for (const k of await listApiKeys(db, values.jurisdiction ?? null)) {
        const created = k.created_at instanceof Date ? k.created_at.toISOString() : String(k.created_at);
        console.log(
          [k.key_prefix, k.jurisdiction_id, created, k.revoked_at ? 'revoked' : 'active', k.label ?? ''].join('\t'),
        );
      }
      return 0;
    }
    const prefix = positionals[1];
    if (!prefix) {
      console.error('Give the key prefix to revoke (spf_xxxxxxxx).');
      return 2;
    }
    if (!(await revokeApiKey(db, prefix))) {
      console.error(`No active key has the prefix ${prefix}.`);
      return 1;
    }
    console.log(`Revoked ${prefix}.`);
    return 0;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
