import { ApiError, queryString, type ChannelKind, type Problem, type WhoHandlesAnswer } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';

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
    const body = (await res.json().catch(() => null)) as Partial<Problem> | null;
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
