-- Purpose: every service category, for the row schema to match a feed's category labels by code or
--          name.
-- Params:  none
-- Columns: code, name_en, name_fr
SELECT code, name_en, name_fr FROM service_categories;
