import type { TFunction } from 'i18next';
import type { ServicePoint } from '../../api/client.js';
import { weeklyHours } from './weekly-hours.js';

/** Distance as people say it: one decimal under 10 km, whole kilometres beyond. */
export function formatKm(distanceM: number, locale: string): string {
  const k = distanceM / 1000;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: k < 10 ? 1 : 0 }).format(k);
}

export function localeOf(lang: string): string {
  return lang === 'fr' ? 'fr-CA' : 'en-CA';
}

export function addressLine(p: Pick<ServicePoint, 'address' | 'city' | 'province' | 'postal_code'>): string {
  return [p.address, p.city, p.province, p.postal_code].filter(Boolean).join(', ');
}

/** "Open now" / "Closed now" / unknown, as words (never only a colour). */
export function openNowText(p: ServicePoint, t: TFunction): string {
  if (p.open_now === true) return t('hours.open_now');
  if (p.open_now === false) return t('hours.closed_now');
  return t('hours.unknown');
}

export function periodsText(periods: { opens: string; closes: string }[] | null | undefined, t: TFunction): string {
  if (periods === null || periods === undefined) return t('hours.unknown_day');
  if (periods.length === 0) return t('hours.closed');
  return periods.map((p) => t('hours.period', { opens: p.opens, closes: p.closes })).join(', ');
}

/**
 * Today's hours in one line, or null when the feed gave no schedule. "Today"
 * is the point's, as the API computes it in its time zone with its holidays
 * and closures; the browser's weekday only for a server that does not say.
 */
export function hoursTodayText(p: ServicePoint, t: TFunction, today = new Date().getDay()): string | null {
  if (p.hours_today) {
    const e = p.hours_today.exception;
    const label = e ? ` (${e.label ?? (p.hours_today.closed ? t('hours.closure') : t('hours.special'))})` : '';
    return t('hours.today', { hours: `${periodsText(p.hours_today.periods, t)}${label}` });
  }
  const h = weeklyHours(p.hours);
  if (!h || h.days.every((d) => d === null)) return null;
  return t('hours.today', { hours: periodsText(h.days[today], t) });
}

export function languagesText(langs: string[], t: TFunction): string {
  return langs.map((l) => t(`lang.${l}`, { defaultValue: l })).join(', ');
}
