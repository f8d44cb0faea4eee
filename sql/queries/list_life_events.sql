-- Purpose: life events in display order, each with its service categories in order.
-- Params:  $1 life event code text | null (all)
-- Columns: code, name_en, name_fr, description_en, description_fr, sort_order,
--          categories (json array of {code, name_en, name_fr, usual_levels})
SELECT e.code, e.name_en, e.name_fr, e.description_en, e.description_fr, e.sort_order,
  coalesce((
    SELECT json_agg(json_build_object('code', c.code, 'name_en', c.name_en, 'name_fr', c.name_fr, 'usual_levels', c.usual_levels)
                    ORDER BY lec.sort_order, c.code)
    FROM life_event_categories lec JOIN service_categories c ON c.code = lec.category_code
    WHERE lec.life_event_code = e.code
  ), '[]'::json) AS categories
FROM life_events e
WHERE $1::text IS NULL OR e.code = $1
ORDER BY e.sort_order, e.code;
