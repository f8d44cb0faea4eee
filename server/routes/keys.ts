import { Router } from 'express';
import { z } from 'zod';
import { apiKeyOf, requireApiKey } from '../auth/require-api-key.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { requestLang } from '../http/lang.js';
import { langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { jurisdictionById } from '../queries/jurisdiction-by-id.js';
import { keyIdentity, type KeyIdentity } from '../../contract/feeds.js';

export const keyMeQuery = z.object({ lang: langParam });

export const keysOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/keys/me',
    response: keyIdentity,
    tags: ['jurisdictions'],
    query: keyMeQuery,
    auth: true,
    errors: [401],
    summary:
      'The jurisdiction the presented API key acts for (its id, names and order of government); the key itself is never echoed',
  },
];

/**
 * What a steward's key proves: the jurisdiction it acts for. The feeds view
 * reads it so a steward never types a jurisdiction id the key already names.
 */
export function keysRouter(db: Database): Router {
  const router = Router();
  router.get('/me', requireApiKey(db), async (req, res) => {
    parseQuery(keyMeQuery, req);
    const identity = apiKeyOf(res);
    const j = await jurisdictionById(db, identity.jurisdictionId);
    if (!j) throw new AppError(404, 'not_found', 'jurisdiction_not_found');
    const lang = requestLang(req);
    res.set('Cache-Control', 'no-store').json({
      jurisdiction_id: j.id,
      jurisdiction_name: lang === 'fr' ? j.name_fr : j.name_en,
      jurisdiction: { id: j.id, level: j.level, name_en: j.name_en, name_fr: j.name_fr, province: j.province },
    } satisfies KeyIdentity);
  });
  return router;
}
