-- What a citizen or an analyst reads about a channel or a service point's
-- promise and how it is doing now. One definition of "current" and "stale"
-- for every query: a figure is stale once the clock passes its valid_until.

CREATE FUNCTION service_standard_json(kind text, target text) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object(
    'text_en', s.text_en, 'text_fr', s.text_fr, 'target_pct', s.target_pct, 'target_minutes', s.target_minutes,
    'origin', s.origin, 'source_url', s.source_url, 'source_date', s.source_date, 'updated_at', s.updated_at)
  FROM service_standards s
  WHERE s.target_kind = kind AND s.target_id = target
$$;
COMMENT ON FUNCTION service_standard_json(text, text) IS 'The published standard of a channel or point as JSON, or NULL.';

CREATE FUNCTION service_performance_json(kind text, target text) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN w.measured_at IS NULL AND m.measured_at IS NULL THEN NULL ELSE jsonb_build_object(
    'wait', CASE WHEN w.measured_at IS NOT NULL THEN jsonb_build_object(
      'minutes', w.wait_minutes, 'measured_at', w.measured_at, 'valid_until', w.valid_until, 'is_stale', w.valid_until <= now()) END,
    'standard_met', CASE WHEN m.measured_at IS NOT NULL THEN jsonb_build_object(
      'pct', m.standard_met_pct, 'period_start', m.period_start, 'period_end', m.period_end,
      'measured_at', m.measured_at, 'valid_until', m.valid_until, 'is_stale', m.valid_until <= now()) END) END
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT p.wait_minutes, p.measured_at, p.valid_until FROM service_performance p
    WHERE p.target_kind = kind AND p.target_id = target AND p.wait_minutes IS NOT NULL
    ORDER BY p.measured_at DESC, p.id DESC LIMIT 1
  ) w ON true
  LEFT JOIN LATERAL (
    SELECT p.standard_met_pct, p.period_start, p.period_end, p.measured_at, p.valid_until FROM service_performance p
    WHERE p.target_kind = kind AND p.target_id = target AND p.standard_met_pct IS NOT NULL
    ORDER BY p.measured_at DESC, p.id DESC LIMIT 1
  ) m ON true
$$;
COMMENT ON FUNCTION service_performance_json(text, text) IS
  'The latest wait time and latest share of standard met of a channel or point, each with is_stale (valid_until has passed).';
