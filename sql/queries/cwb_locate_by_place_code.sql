-- Purpose: locates the rest by the largest gazetteer place of the same subdivision code (step 2 of
--          5).
-- Params:  $1 source text
-- Columns: none
UPDATE population_units u SET point = p.geom, indicators = u.indicators || '{"located_by": "gazetteer_csd_code"}'
FROM (SELECT DISTINCT ON (csd_code) csd_code, geom FROM places WHERE csd_code IS NOT NULL AND kind = 'community'
      ORDER BY csd_code, population DESC NULLS LAST, lon, lat) p
WHERE u.source = $1 AND u.point IS NULL AND p.csd_code = u.indicators->>'csd_code';
