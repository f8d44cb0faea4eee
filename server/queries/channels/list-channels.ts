import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { ChannelRow } from './channel-row.js';

export interface ChannelFilter {
  ids?: string[] | undefined;
  categories?: string[] | undefined;
  jurisdictions?: string[] | undefined;
  kinds?: string[] | undefined;
  province?: string | undefined;
  limit: number;
  offset: number;
}

/** Online and phone channels with their standard and latest performance. */
export async function listChannels(db: Queryable, f: ChannelFilter): Promise<ChannelRow[]> {
  const r = await db.query<ChannelRow>(sqlFile('channels_list'), [
    f.ids ?? null,
    f.categories ?? null,
    f.jurisdictions ?? null,
    f.kinds ?? null,
    f.province ?? null,
    f.limit,
    f.offset,
  ]);
  return r.rows;
}
