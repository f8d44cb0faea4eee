-- Purpose: every published, located service point, for the in-memory tile index.
-- Params:  none
-- Columns: id, name_en, name_fr, level, jurisdiction_id, categories text[], geocode_quality
--          (how the point was located: source | postal_code | community), lon, lat
SELECT sp.id, sp.name_en, sp.name_fr, j.level, sp.jurisdiction_id, sp.categories, sp.geocode_quality, sp.lon, sp.lat
FROM service_points sp JOIN jurisdictions j ON j.id = sp.jurisdiction_id
WHERE sp.is_published AND sp.geog IS NOT NULL
ORDER BY sp.id;
