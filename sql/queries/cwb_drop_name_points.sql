-- Purpose: drops the name points kept for step 3 once every step has run.
-- Params:  $1 source text
-- Columns: none
UPDATE population_units SET indicators = indicators - 'name_lon' - 'name_lat' WHERE source = $1;
