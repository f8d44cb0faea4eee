-- Purpose: type-ahead place search over communities, Indigenous communities and
--          postal FSAs. Names match accent-, case- and punctuation-insensitively
--          (search_key, migration 0020) in English or French: as a prefix
--          ("fred" -> Fredericton, "trois-ri" -> Trois-Rivières) or, for typos,
--          by trigram word similarity ("fredricton"). Both are served by the
--          trigram indexes on the stored keys name_key and name_fr_key, through
--          place_search_candidates (migration 0024).
--          Ranked: exact name, then prefix, then similarity (to one decimal, so
--          near-equal matches fall to population), then population.
-- Params:  $1 query text (trimmed), $2 limit int,
--          $3 postal-code prefix, upper case without spaces (1-3 characters of an FSA), or null
-- Columns: id, name, name_fr, kind, province, lon, lat, population, similarity
WITH q AS (SELECT search_key($1) AS t),
named AS (
  SELECT p.id, p.name, p.name_fr, p.kind, p.province, p.lon, p.lat, p.population,
    greatest(word_similarity(q.t, p.name_key), coalesce(word_similarity(q.t, p.name_fr_key), 0)) AS similarity,
    -- coalesce: without a French name the comparison is null, which would sort first.
    coalesce(p.name_key = q.t OR p.name_fr_key = q.t, false) AS is_exact,
    coalesce(p.name_key LIKE q.t || '%' OR p.name_fr_key LIKE q.t || '%', false) AS is_prefix
  FROM q
  CROSS JOIN LATERAL place_search_candidates(q.t) c
  JOIN places p ON p.id = c.id
  WHERE p.kind <> 'postal_code'
),
postal AS (
  SELECT p.id, p.name, p.name_fr, p.kind, p.province, p.lon, p.lat, p.population,
    1.0::real AS similarity, p.name = $3::text AS is_exact, true AS is_prefix
  FROM places p
  WHERE $3::text IS NOT NULL AND p.kind = 'postal_code' AND p.name LIKE $3::text || '%'
)
SELECT id, name, name_fr, kind, province, lon, lat, population, similarity
FROM (SELECT * FROM named UNION ALL SELECT * FROM postal) hits
ORDER BY is_exact DESC, is_prefix DESC, round(similarity::numeric, 1) DESC, population DESC NULLS LAST, name
LIMIT $2;
