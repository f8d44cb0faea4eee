-- Purpose: the jurisdiction whose namespace a feed id falls in: the longest
--          jurisdiction id that, followed by a hyphen, starts the feed id
--          (ca-nb-centres is New Brunswick's, not Canada's).
-- Params:  $1 feed id text
-- Columns: id
SELECT id
FROM jurisdictions
WHERE left($1, length(id) + 1) = id || '-'
ORDER BY length(id) DESC
LIMIT 1;
