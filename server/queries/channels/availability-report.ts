import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

export interface AvailabilityRow {
  province: string;
  category_code: string;
  category_name_en: string;
  category_name_fr: string;
  handler_levels: string[];
  has_online: boolean;
  has_phone: boolean;
  has_general_line: boolean;
  population_total: number | string;
  population_within: number | string;
  units_beyond: number;
  coverage_is_fresh: boolean;
}

/** Channel availability per province and category (sql/queries/channels_availability.sql). */
export async function availabilityReport(
  db: Queryable,
  provinces: string[] | null,
  categories: string[] | null,
  thresholdM: number,
): Promise<AvailabilityRow[]> {
  return (await db.query<AvailabilityRow>(sqlFile('channels_availability'), [provinces, categories, thresholdM])).rows;
}
