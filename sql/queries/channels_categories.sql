-- Purpose: the service categories a "who handles this?" question is about: the codes
--          asked for, or the categories of a life event, in the event's order.
-- Params:  $1 category codes text[] | null, $2 life event code text | null
-- Columns: code, name_en, name_fr, usual_levels, position (order of the answer)
SELECT sc.code, sc.name_en, sc.name_fr, sc.usual_levels,
  coalesce(array_position($1::text[], sc.code), lec.sort_order, sc.sort_order) AS position
FROM service_categories sc
LEFT JOIN life_event_categories lec ON lec.category_code = sc.code AND lec.life_event_code = $2::text
WHERE ($1::text[] IS NOT NULL AND sc.code = ANY ($1::text[]))
   OR ($2::text IS NOT NULL AND lec.life_event_code IS NOT NULL)
ORDER BY position, sc.code;
