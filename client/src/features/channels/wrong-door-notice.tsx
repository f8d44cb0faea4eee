import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryString, type Handler, type PointChannel, type WrongDoorAnswer } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';

function Ways({ h }: { h: Handler }) {
  const { t } = useTranslation();
  const online = h.online.find((c: PointChannel) => c.url && /^https?:\/\//i.test(c.url));
  const phone = h.phone.find((c: PointChannel) => c.phone);
  return (
    <li>
      <strong>{h.jurisdiction_name ?? t(`level.${h.level}`)}</strong>
      {online?.url && (
        <>
          {' · '}
          <a href={online.url}>{online.name}</a>
        </>
      )}
      {phone?.phone && (
        <>
          {' · '}
          {t('wrong_door.call')} <a href={`tel:${phone.phone.replace(/[^0-9+]/g, '')}`}>{phone.phone}</a>
        </>
      )}
      {h.in_person[0] && <> · {t('wrong_door.nearest', { name: h.in_person[0].name })}</>}
      {' · '}
      {h.source ? (
        <a href={h.source.url} rel="noopener noreferrer" data-testid="wrong-door-source">
          {t('wrong_door.source', { host: new URL(h.source.url).hostname })}
        </a>
      ) : (
        <span data-testid="wrong-door-no-source">{t('wrong_door.no_source')}</span>
      )}
    </li>
  );
}

/**
 * "Not us: here is who, and how to reach them." When the citizen narrows the
 * finder to one order of government and picks a service that, in their
 * province, another government delivers, say so and give the right door.
 */
export function WrongDoorNotice({
  lang,
  level,
  categories,
  origin,
}: {
  lang: Lang;
  level: string;
  categories: string[];
  origin: { lon: number; lat: number };
}) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<WrongDoorAnswer[]>([]);
  const key = `${lang}|${level}|${categories.join(',')}|${origin.lon}|${origin.lat}`;
  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all(
      categories.slice(0, 3).map(async (category) => {
        const res = await fetch(
          `/api/wrong-door${queryString({ category, thought: level, lon: origin.lon.toFixed(5), lat: origin.lat.toFixed(5), lang })}`,
          {
            signal: ctrl.signal,
            headers: { Accept: 'application/json', 'Accept-Language': lang },
          },
        );
        return res.ok ? ((await res.json()) as WrongDoorAnswer) : null;
      }),
    ).then(
      (list) => setAnswers(list.filter((a): a is WrongDoorAnswer => a !== null && a.verdict !== 'right')),
      () => setAnswers([]),
    );
    return () => ctrl.abort();
  }, [key]);
  if (answers.length === 0) return null;
  return (
    <section className="notice wrong-door" aria-labelledby="wrong-door-title" data-testid="wrong-door">
      <h2 id="wrong-door-title">{t('wrong_door.title')}</h2>
      {answers.map((a) => (
        <div key={a.category?.code ?? a.message}>
          <p>{a.message}</p>
          <ul>
            {a.go_to.map((h) => (
              <Ways key={`${h.level}|${h.jurisdiction_id}`} h={h} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
