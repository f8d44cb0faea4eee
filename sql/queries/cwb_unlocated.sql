-- Purpose: the 20 most populous units of one source still without a point, for the load's report.
-- Params:  $1 source text
-- Columns: name, province, population
SELECT name, province, population FROM population_units WHERE source = $1 AND point IS NULL ORDER BY population DESC NULLS LAST LIMIT 20;
