import { normalizeName } from '../../domain/normalize-name.js';

/** Service categories the feed may name by code, English or French name. */
export class CategoryMatcher {
  private readonly byKey = new Map<string, string>();
  constructor(readonly known: { code: string; name_en: string; name_fr: string }[]) {
    for (const c of known)
      for (const k of [c.code, c.name_en, c.name_fr]) this.byKey.set(normalizeName(k.replace(/_/g, ' ')), c.code);
    for (const [alias, code] of ALIASES)
      if (known.some((c) => c.code === code)) this.byKey.set(normalizeName(alias), code);
  }

  /** The code of a category label; unknown labels become a slug when no taxonomy is loaded. */
  match(label: string): string | null {
    const key = normalizeName(label);
    if (!key) return null;
    const hit = this.byKey.get(key);
    if (hit) return hit;
    return this.known.length === 0 ? key.replace(/ /g, '_').slice(0, 60) : null;
  }
}

const ALIASES: [string, string][] = [
  ['passeport', 'passport'],
  ['passports', 'passport'],
  ['ei', 'employment_insurance'],
  ['assurance emploi', 'employment_insurance'],
  ['pension', 'pensions'],
  ['cpp', 'pensions'],
  ['oas', 'pensions'],
  ['sin', 'social_insurance_number'],
  ['numero d assurance sociale', 'social_insurance_number'],
  ['nas', 'social_insurance_number'],
  ['health card', 'health_card'],
  ['carte sante', 'health_card'],
  ['carte d assurance maladie', 'health_card'],
  ['driver s licence', 'drivers_licence'],
  ['drivers licence', 'drivers_licence'],
  ['driver licence', 'drivers_licence'],
  ['permis de conduire', 'drivers_licence'],
  ['birth certificate', 'vital_statistics'],
  ['certificat de naissance', 'vital_statistics'],
  ['vital statistics', 'vital_statistics'],
  ['etat civil', 'vital_statistics'],
  ['business registration', 'business_registration'],
  ['enregistrement d entreprise', 'business_registration'],
  ['hunting licence', 'hunting_fishing_licence'],
  ['fishing licence', 'hunting_fishing_licence'],
  ['permis de chasse', 'hunting_fishing_licence'],
  ['permis de peche', 'hunting_fishing_licence'],
  ['land registry', 'land_registry'],
  ['library', 'library_services'],
  ['bibliotheque', 'library_services'],
  ['taxes', 'tax_services'],
  ['impots', 'tax_services'],
  ['immigration', 'immigration_citizenship'],
  ['citizenship', 'immigration_citizenship'],
];
