import type { Handler, HandlerPoint, WhoHandlesFound } from '../../../contract/channels.js';
import type { Database } from '../../../db/database.js';
import type { Lang } from '../../http/lang.js';
import { toServicePoint } from '../service-point-row.js';
import { categoryHandlers, type HandlerRow } from './category-handlers.js';
import { toChannel, toPerformance, toStandard, meetsStandard, type Channel } from './channel-row.js';
import { handlerChannels } from './handler-channels.js';
import { handlerPoints } from './handler-points.js';
import type { QuestionCategory } from './question-categories.js';

export const CHANNEL_KINDS = ['in_person', 'online', 'phone'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** How a local handler with no single jurisdiction id is named. */
const LOCAL_NAMES: Record<string, { en: string; fr: string }> = {
  municipal: { en: 'Your municipality', fr: 'Votre municipalité' },
  indigenous: {
    en: 'Your First Nation, Inuit or Métis government',
    fr: 'Votre gouvernement des Premières Nations, inuit ou métis',
  },
};

export interface WhoHandlesInput {
  province: string;
  categories: QuestionCategory[];
  lon: number | null;
  lat: number | null;
  channel: ChannelKind | null;
  pointsPerHandler: number;
  lang: Lang;
  now?: Date;
}

function handlerKey(category: string, level: string, jurisdictionId: string | null): string {
  return `${category}\u0000${level}\u0000${jurisdictionId ?? ''}`;
}

/** The order channels are shown in: the person's choice first, then in person, online, phone. */
export function channelOrder(chosen: ChannelKind | null): ChannelKind[] {
  return chosen ? [chosen, ...CHANNEL_KINDS.filter((k) => k !== chosen)] : [...CHANNEL_KINDS];
}

/**
 * "Who handles this?": for each category, each order of government that
 * handles it in the province with its online option, its phone option and
 * its nearest in-person points. Handlers keep the responsibility rank (where
 * to go first); among equals, those offering the chosen channel come first.
 */
export async function whoHandles(db: Database, input: WhoHandlesInput): Promise<WhoHandlesFound> {
  const codes = input.categories.map((c) => c.code);
  const { lang } = input;
  const now = input.now ?? new Date();
  const [handlers, channels, points] = await Promise.all([
    categoryHandlers(db, input.province, codes),
    handlerChannels(db, input.province, codes),
    input.lon !== null && input.lat !== null
      ? handlerPoints(db, {
          lon: input.lon,
          lat: input.lat,
          province: input.province,
          categories: codes,
          perHandler: input.pointsPerHandler,
        })
      : Promise.resolve([]),
  ]);

  const channelsBy = new Map<string, Channel[]>();
  for (const row of channels) {
    const k = handlerKey(row.category_code, row.handler_level, row.handler_jurisdiction_id);
    const list = channelsBy.get(k) ?? [];
    list.push(toChannel(row, lang));
    channelsBy.set(k, list);
  }
  const pointsBy = new Map<string, HandlerPoint[]>();
  function pointOut(row: (typeof points)[number]): HandlerPoint {
    return {
      ...toServicePoint(row, lang, now),
      standard: toStandard(row.standard, lang),
      performance: toPerformance(row.performance),
      meets_standard: meetsStandard(row.standard, row.performance),
    };
  }
  for (const row of points) {
    const k = handlerKey(row.category_code, row.handler_level, row.handler_jurisdiction_id);
    const list = pointsBy.get(k) ?? [];
    list.push(pointOut(row));
    pointsBy.set(k, list);
  }

  const order = channelOrder(input.channel);
  const handlerOut = (h: HandlerRow): Handler => {
    const all = channelsBy.get(handlerKey(h.category_code, h.level, h.jurisdiction_id)) ?? [];
    const online = all.filter((c) => c.kind === 'online' && !c.is_general);
    const specificPhones = all.filter((c) => c.kind === 'phone' && !c.is_general);
    // A general enquiries line only when the government has no line for this service.
    const phone = specificPhones.length > 0 ? specificPhones : all.filter((c) => c.kind === 'phone' && c.is_general);
    const inPerson = pointsBy.get(handlerKey(h.category_code, h.level, h.jurisdiction_id)) ?? [];
    const available = CHANNEL_KINDS.filter(
      (k) => (k === 'online' ? online.length : k === 'phone' ? phone.length : inPerson.length) > 0,
    );
    const local = h.jurisdiction_id ? null : LOCAL_NAMES[h.level];
    return {
      level: h.level,
      jurisdiction_id: h.jurisdiction_id,
      jurisdiction_name:
        (lang === 'fr' ? (h.jurisdiction_name_fr ?? local?.fr) : (h.jurisdiction_name_en ?? local?.en)) ?? null,
      jurisdiction_name_en: h.jurisdiction_name_en ?? local?.en ?? null,
      jurisdiction_name_fr: h.jurisdiction_name_fr ?? local?.fr ?? null,
      rank: h.rank,
      note: lang === 'fr' ? (h.note_fr ?? h.note_en) : (h.note_en ?? h.note_fr),
      // Why this order of government: the official page behind the answer, when the row has one.
      source: h.source_url ? { url: h.source_url, checked_on: h.source_checked_on, note: h.source_note } : null,
      channel_order: order,
      channels_available: available,
      has_chosen_channel: input.channel ? available.includes(input.channel) : null,
      online,
      phone,
      in_person: inPerson,
    };
  };

  const results = input.categories.map((c) => {
    const mine = handlers
      .filter((h) => h.category_code === c.code)
      .map(handlerOut)
      .sort((a, b) => a.rank - b.rank || Number(b.has_chosen_channel ?? false) - Number(a.has_chosen_channel ?? false));
    return {
      category: { code: c.code, name: lang === 'fr' ? c.name_fr : c.name_en, name_en: c.name_en, name_fr: c.name_fr },
      handlers: mine,
    };
  });
  return {
    province: input.province,
    origin: input.lon !== null && input.lat !== null ? { lon: input.lon, lat: input.lat } : null,
    channel: input.channel,
    channel_order: order,
    distance_kind: 'straight_line' as const,
    results,
  };
}
