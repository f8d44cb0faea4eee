-- Place search computed search_key() (unaccent and a regular expression) for
-- every candidate row, several times per row; a common prefix ("saint j")
-- matches hundreds of places. Storing the keys once makes the type-ahead
-- cost a read, not a recomputation; the trigram indexes move to the columns.
ALTER TABLE places
  ADD COLUMN name_key text GENERATED ALWAYS AS (search_key(name)) STORED,
  ADD COLUMN name_fr_key text GENERATED ALWAYS AS (search_key(name_fr)) STORED;
COMMENT ON COLUMN places.name_key IS 'search_key(name): lower case, no accents, punctuation as single spaces; what place search matches.';
COMMENT ON COLUMN places.name_fr_key IS 'search_key(name_fr).';

CREATE INDEX places_name_key ON places USING gin (name_key gin_trgm_ops);
CREATE INDEX places_name_fr_key ON places USING gin (name_fr_key gin_trgm_ops) WHERE name_fr_key IS NOT NULL;
DROP INDEX places_name_search;
DROP INDEX places_name_fr_search;

-- The candidates of a search, by id. The trigram operators cost far more per
-- row than the planner assumes, so on a gazetteer of a few thousand places it
-- prefers reading every row and testing each (10-20 ms) over the trigram
-- indexes (about 1 ms). Inside this function only, sequential scans are
-- discouraged, so the indexes answer whatever the table's size.
CREATE FUNCTION place_search_candidates(t text) RETURNS TABLE (id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$
  SELECT p.id FROM places p
  WHERE t <> ''
    AND (p.name_key LIKE t || '%' OR p.name_fr_key LIKE t || '%' OR t <% p.name_key OR t <% p.name_fr_key)
$$;
COMMENT ON FUNCTION place_search_candidates(text) IS
  'Ids of places whose stored search keys start with, or are trigram-similar to, the search key t; served by the trigram indexes.';
