import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchPlaces, type Place } from '../../api/client.js';
import type { Lang } from '../../i18n/index.js';

export interface SearchBoxProps {
  lang: Lang;
  onPlace: (place: { name: string; lon: number; lat: number }) => void;
  /** The place already searched (from the URL), shown in the box. */
  initial?: string;
}

/** Type-ahead place search (ARIA combobox) plus "use my location". */
export function SearchBox({ lang, onPlace, initial = '' }: SearchBoxProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initial);
  const [options, setOptions] = useState<Place[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState('');
  const lastQuery = useRef('');

  // Back and forward through searches show the place of that step.
  useEffect(() => setText(initial), [initial]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setOptions([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      lastQuery.current = q;
      searchPlaces(q, lang, ctrl.signal)
        .then((r) => {
          setOptions(r.results);
          setActive(-1);
        })
        .catch(() => undefined);
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, lang]);

  const label = (p: Place) => `${p.name}${p.province ? `, ${p.province}` : ''}`;

  function choose(p: Place) {
    setText(label(p));
    setOpen(false);
    setMessage('');
    onPlace({ name: label(p), lon: p.lon, lat: p.lat });
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const q = text.trim();
    if (!q) return;
    const pick = active >= 0 ? options[active] : undefined;
    if (pick) return choose(pick);
    const r =
      lastQuery.current === q && options.length > 0
        ? { results: options }
        : await searchPlaces(q, lang).catch(() => ({ results: [] }));
    const first = r.results[0];
    if (first) choose(first);
    else setMessage(t('search.no_match', { q }));
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && options.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length > 0) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  }

  function useLocation() {
    if (!navigator.geolocation) {
      setMessage(t('search.location_denied'));
      return;
    }
    setMessage(t('search.locating'));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setMessage('');
        onPlace({ name: t('search.my_location'), lon: pos.coords.longitude, lat: pos.coords.latitude });
      },
      () => setMessage(t('search.location_denied')),
      { timeout: 10000 },
    );
  }

  const listId = `${id}-list`;
  const expanded = open && options.length > 0;
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor={`${id}-input`}>{t('search.label')}</label>
      <div className="search-row">
        <div className="combo">
          <input
            id={`${id}-input`}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
            placeholder={t('search.placeholder')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
          />
          <ul id={listId} role="listbox" aria-label={t('search.suggestions')} className="options" hidden={!expanded}>
            {options.map((p, i) => (
              <li
                key={p.id}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(p)}
              >
                {label(p)} <span className="kind">({t(`search.kind_${p.kind}`)})</span>
              </li>
            ))}
          </ul>
        </div>
        <button type="submit">{t('search.button')}</button>
        <button type="button" className="secondary" onClick={useLocation}>
          {t('search.use_location')}
        </button>
      </div>
      <p className="search-message" role="status">
        {message}
      </p>
    </form>
  );
}
