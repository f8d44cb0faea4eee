import { ApiError, queryString, type ServicePoint } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';

export type ChannelKind = 'in_person' | 'online' | 'phone';

export interface Standard {
  text: string;
  target_pct: number | null;
  target_minutes: number | null;
}

export interface Performance {
  current_wait_minutes: number | null;
  wait: { minutes: number; measured_at: string; is_stale: boolean } | null;
  standard_met: { pct: number; period_start: string | null; period_end: string | null; is_stale: boolean } | null;
}

export interface Channel {
  id: string;
  kind: 'online' | 'phone';
  name: string;
  is_general: boolean;
  url: string | null;
  phone: string | null;
  tty: string | null;
  hours: string | null;
  languages: string[];
  standard: Standard | null;
  performance: Performance | null;
}

export type HandlerPoint = ServicePoint & { standard: Standard | null; performance: Performance | null };

export interface Handler {
  level: string;
  jurisdiction_id: string | null;
  jurisdiction_name: string | null;
  rank: number;
  note: string | null;
  /** The official page that says this government handles the service here, when the answer has one. */
  source: { url: string; checked_on: string | null; note: string | null } | null;
  channel_order: ChannelKind[];
  online: Channel[];
  phone: Channel[];
  in_person: HandlerPoint[];
}

export interface WhoHandlesAnswer {
  province: string;
  /** The life event asked about (its categories are the results, in its order), or null for a category. */
  life_event: string | null;
  province_name: string;
  channel_order: ChannelKind[];
  results: { category: { code: string; name: string }; handlers: Handler[] }[];
}

/** What the person asks about: one service category, or a life event (all the services it needs). */
export type Question = { kind: 'category' | 'life_event'; code: string };

/** GET /api/who-handles (docs/channels.md); failures arrive as the shared ApiError. */
export async function whoHandles(
  p: {
    question: Question;
    province: string | null;
    lon: number | null;
    lat: number | null;
    channel: ChannelKind | null;
  },
  lang: Lang,
  signal?: AbortSignal,
): Promise<WhoHandlesAnswer> {
  const { kind, code } = p.question;
  const path = `/api/who-handles${queryString({
    category: kind === 'category' ? code : null,
    life_event: kind === 'life_event' ? code : null,
    province: p.province,
    lon: p.lon,
    lat: p.lat,
    channel: p.channel,
    lang,
  })}`;
  let res: Response;
  try {
    res = await fetch(path, { signal, headers: { Accept: 'application/json', 'Accept-Language': lang } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, null, null, false, path);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      title?: string;
      detail?: string;
      errors?: { message?: string }[];
    } | null;
    const detail = [body?.detail, ...(body?.errors ?? []).map((e) => e.message)].filter(Boolean).join(' ') || null;
    throw new ApiError(
      res.status,
      body?.title ?? null,
      detail,
      res.status === 404 && /endpoint|terminaison/i.test(detail ?? ''),
      path,
    );
  }
  return (await res.json()) as WhoHandlesAnswer;
}
