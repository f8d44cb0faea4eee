/**
 * Messages of the channel endpoints that a person can read, in both official
 * languages. Kept beside the routes (not in server/http/messages.ts) because
 * they name channel fields; AppError takes them as a {en, fr} detail.
 */
export const channelMessages = {
  channel_not_found: { en: 'No channel has this id.', fr: 'Aucun canal ne porte cet identifiant.' },
  point_not_found: {
    en: 'No published service point has this id.',
    fr: 'Aucun point de service publié ne porte cet identifiant.',
  },
  category_not_found: { en: 'No service category has this code.', fr: 'Aucune catégorie de service ne porte ce code.' },
  life_event_not_found: { en: 'No life event has this code.', fr: 'Aucun événement de vie ne porte ce code.' },
  category_or_life_event: {
    en: 'Give a service category (category=health_card) or a life event (life_event=turning_65), not both.',
    fr: 'Indiquez une catégorie de service (category=health_card) ou un événement de vie (life_event=turning_65), pas les deux.',
  },
  province_needed: {
    en: 'Give a province (province=NB) or a location in Canada (lon and lat).',
    fr: 'Indiquez une province (province=NB) ou un lieu au Canada (lon et lat).',
  },
  lon_lat_together: { en: 'Give lon and lat together.', fr: 'Indiquez lon et lat ensemble.' },
  outside_canada: {
    en: 'This location is not in a Canadian province or territory; give province= instead.',
    fr: 'Ce lieu n’est dans aucune province ni aucun territoire du Canada; indiquez plutôt province=.',
  },
  thought_unknown: {
    en: 'Give a jurisdiction id (ca, ca-nb, ...) or an order of government (federal, provincial, territorial, municipal, indigenous).',
    fr: 'Indiquez un identifiant d’administration (ca, ca-nb, ...) ou un ordre de gouvernement (federal, provincial, territorial, municipal, indigenous).',
  },
  measured_at_future: {
    en: 'measured_at is in the future: send the time the figure was measured.',
    fr: 'measured_at est dans le futur : envoyez l’heure à laquelle la mesure a été prise.',
  },
  needs_a_figure: {
    en: 'Send at least one figure: wait_minutes or standard_met_pct.',
    fr: 'Envoyez au moins une mesure : wait_minutes ou standard_met_pct.',
  },
  period_order: { en: 'period_end is before period_start.', fr: 'period_end est antérieure à period_start.' },
  period_needs_share: {
    en: 'period_start and period_end describe standard_met_pct; send it with them.',
    fr: 'period_start et period_end décrivent standard_met_pct; envoyez-le avec elles.',
  },
  not_negative: { en: 'Must not be negative.', fr: 'Ne doit pas être négatif.' },
  percentage: { en: 'Must be a percentage between 0 and 100.', fr: 'Doit être un pourcentage entre 0 et 100.' },
  other_jurisdiction: {
    en: 'This API key belongs to another jurisdiction; it can change only its own jurisdiction’s channels, service points and responsibilities.',
    fr: 'Cette clé d’API appartient à une autre administration; elle ne peut modifier que les canaux, points de service et responsabilités de sa propre administration.',
  },
  handler_jurisdiction: {
    en: 'Federal, provincial and territorial handlers name their jurisdiction (ca, or this province’s id); municipal and Indigenous handlers name none.',
    fr: 'Les responsables fédéraux, provinciaux et territoriaux nomment leur administration (ca, ou l’identifiant de cette province); les responsables municipaux et autochtones n’en nomment aucune.',
  },
  source_https: {
    en: 'The source must be the full https address of the page (https://...).',
    fr: 'La source doit être l’adresse https complète de la page (https://...).',
  },
  source_date: {
    en: 'The date the source was read must be a real date (YYYY-MM-DD), not after today.',
    fr: 'La date de lecture de la source doit être une date réelle (AAAA-MM-JJ), au plus aujourd’hui.',
  },
  source_needs_url: {
    en: 'A date or note about a source needs the source itself (source_url).',
    fr: 'Une date ou une note sur une source exige la source elle-même (source_url).',
  },
  handler_levels_unique: {
    en: 'Each order of government may appear once.',
    fr: 'Chaque ordre de gouvernement ne peut figurer qu’une fois.',
  },
} as const satisfies Record<string, { en: string; fr: string }>;
