-- Purpose: the service taxonomy in display order, with how many published points offer each service.
-- Params:  none
-- Columns: code, name_en, name_fr, description_en, description_fr, usual_levels, sort_order, published_points
SELECT c.code, c.name_en, c.name_fr, c.description_en, c.description_fr, c.usual_levels, c.sort_order,
  (SELECT count(*)::int FROM service_points sp WHERE sp.is_published AND sp.categories @> ARRAY[c.code]) AS published_points
FROM service_categories c
ORDER BY c.sort_order, c.code;
