import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { ChannelRow } from './channel-row.js';

export type HandlerChannelRow = ChannelRow & {
  category_code: string;
  handler_level: string;
  handler_jurisdiction_id: string | null;
};

/** Online and phone channels of the governments that handle the categories in a province. */
export async function handlerChannels(
  db: Queryable,
  province: string,
  categories: string[],
): Promise<HandlerChannelRow[]> {
  return (await db.query<HandlerChannelRow>(sqlFile('channels_for_handlers'), [province, categories])).rows;
}
