-- Purpose: records one performance document pushed by a jurisdiction.
-- Params:  $1 target kind text, $2 target id text, $3 jurisdiction id text, $4 wait_minutes numeric | null,
--          $5 standard_met_pct numeric | null, $6 period_start date | null, $7 period_end date | null,
--          $8 measured_at timestamptz, $9 valid for (minutes) int, $10 api key id bigint | null
-- Columns: id, measured_at, valid_until, received_at
INSERT INTO service_performance (target_kind, target_id, jurisdiction_id, wait_minutes, standard_met_pct, period_start, period_end,
  measured_at, valid_until, api_key_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8::timestamptz + make_interval(mins => $9::int), $10)
RETURNING id, measured_at, valid_until, received_at;
