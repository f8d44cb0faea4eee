-- Type-ahead place search: accent-, case- and punctuation-insensitive trigram
-- matching that an index can serve. unaccent() is only STABLE (its dictionary
-- could change), so it cannot sit in an index expression; this wrapper names
-- the dictionary explicitly and is declared IMMUTABLE, which is true as long as
-- nobody edits the unaccent rules file. Schema-qualified so it behaves the same
-- whatever the caller's search_path (pg_dump, tests, the server role).
CREATE FUNCTION search_key(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)), '[^a-z0-9]+', ' ', 'g'))
$$;
COMMENT ON FUNCTION search_key(text) IS
  'Lower case, accents removed, every run of punctuation or spaces one space: "Trois-Rivières" -> "trois rivieres". Used by place search and its indexes.';

CREATE INDEX places_name_search ON places USING gin (search_key(name) gin_trgm_ops);
CREATE INDEX places_name_fr_search ON places USING gin (search_key(name_fr) gin_trgm_ops) WHERE name_fr IS NOT NULL;
CREATE INDEX places_postal_code ON places (name) WHERE kind = 'postal_code';
