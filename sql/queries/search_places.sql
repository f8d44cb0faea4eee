-- Purpose: type-ahead place search: communities and postal FSAs, accent- and
--          case-insensitive, prefix first, then by population.
-- Params:  $1 query text (already trimmed), $2 limit int, $3 FSA or null (when the query looks like a postal code)
-- Columns: id, name, kind, province, lon, lat, population
WITH q AS (SELECT lower(unaccent($1)) AS t)
SELECT p.id, p.name, p.kind, p.province, p.lon, p.lat, p.population
FROM places p, q
WHERE ($3::text IS NOT NULL AND p.kind = 'postal_code' AND p.name = $3::text)
   OR (p.kind <> 'postal_code' AND (lower(unaccent(p.name)) LIKE q.t || '%' OR lower(unaccent(coalesce(p.name_fr, ''))) LIKE q.t || '%'))
ORDER BY (p.kind = 'postal_code') DESC, p.population DESC NULLS LAST, p.name
LIMIT $2;
