-- Purpose: records how a pull ended.
-- Params:  $1 pull id bigint, $2 outcome text (unchanged | staged | published | failed), $3 http status integer | null,
--          $4 bytes bigint | null, $5 version id bigint | null, $6 error code text | null,
--          $7 message in English text | null, $8 message in French text | null
-- Columns: id
UPDATE feed_pulls
SET finished_at = now(), outcome = $2, http_status = $3, bytes = $4, version_id = $5,
  error_code = $6, message_en = $7, message_fr = $8
WHERE id = $1
RETURNING id;
