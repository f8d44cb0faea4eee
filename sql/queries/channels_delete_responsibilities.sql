-- Purpose: removes who handles one category in one province (before the steward's new list).
-- Params:  $1 province text, $2 category code text
-- Columns: none
DELETE FROM category_responsibilities WHERE province = $1 AND category_code = $2;
