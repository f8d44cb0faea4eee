/** One finding about one row of a feed, in both official languages. */
export interface RowIssue {
  /** 1-based data row number (the header is row 0), or 0 for the file as a whole. */
  row: number;
  field: string;
  value: string | null;
  code: IssueCode;
  message_en: string;
  message_fr: string;
  /** error: the row is rejected. warning: the row is kept. */
  severity: 'error' | 'warning';
}

const ISSUES = {
  missing_name: ['error', 'The service point has no name.', 'Le point de service n’a pas de nom.'],
  missing_id: ['error', 'The row has no identifier.', 'La ligne n’a pas d’identifiant.'],
  duplicate_in_feed: ['error', 'Another row of this file has the same identifier.', 'Une autre ligne de ce fichier porte le même identifiant.'],
  not_located: ['warning', 'The point could not be located; it is kept but not shown on the map.', 'Le point n’a pu être localisé; il est conservé mais n’apparaît pas sur la carte.'],
  invalid_province: ['warning', 'Unknown province or territory.', 'Province ou territoire inconnu.'],
  invalid_postal_code: ['warning', 'Malformed postal code.', 'Code postal mal formé.'],
  invalid_phone: ['warning', 'Malformed phone number.', 'Numéro de téléphone mal formé.'],
  invalid_email: ['warning', 'Malformed e-mail address.', 'Adresse courriel mal formée.'],
  invalid_url: ['warning', 'Malformed web address.', 'Adresse Web mal formée.'],
  coordinate_not_number: ['error', 'The coordinate is not a number.', 'La coordonnée n’est pas un nombre.'],
  coordinate_missing_pair: ['error', 'Only one of longitude and latitude is given.', 'Une seule des deux coordonnées (longitude, latitude) est fournie.'],
  latitude_out_of_range: ['error', 'Latitude must be between -90 and 90.', 'La latitude doit être comprise entre -90 et 90.'],
  longitude_out_of_range: ['error', 'Longitude must be between -180 and 180.', 'La longitude doit être comprise entre -180 et 180.'],
  outside_canada: ['error', 'The coordinates are outside Canada.', 'Les coordonnées sont hors du Canada.'],
  coordinates_swapped: ['warning', 'Latitude and longitude were swapped; corrected.', 'La latitude et la longitude étaient inversées; corrigé.'],
  html_removed: ['warning', 'HTML markup was removed from the text.', 'Le balisage HTML a été retiré du texte.'],
  bidi_control: ['error', 'The text contains hidden text-direction control characters.', 'Le texte contient des caractères invisibles de contrôle de direction.'],
  field_too_long: ['error', 'The value is too long.', 'La valeur est trop longue.'],
  unreadable_row: ['error', 'The row could not be read.', 'La ligne n’a pu être lue.'],
  unreadable_file: ['error', 'The file could not be read.', 'Le fichier n’a pu être lu.'],
  no_rows: ['error', 'The file has no data rows.', 'Le fichier ne contient aucune ligne de données.'],
  unknown_category: ['warning', 'Unknown service category; ignored.', 'Catégorie de service inconnue; ignorée.'],
} as const satisfies Record<string, readonly ['error' | 'warning', string, string]>;

export type IssueCode = keyof typeof ISSUES;

/** Builds an issue with the standard bilingual message for `code`; `detail` adds specifics. */
export function rowIssue(
  row: number,
  field: string,
  value: unknown,
  code: IssueCode,
  detail?: { en: string; fr: string },
): RowIssue {
  const [severity, en, fr] = ISSUES[code];
  const text = value === null || value === undefined ? null : String(value);
  return {
    row,
    field,
    value: text === null ? null : text.length > 200 ? `${text.slice(0, 200)}…` : text,
    code,
    message_en: detail ? `${en} ${detail.en}` : en,
    message_fr: detail ? `${fr} ${detail.fr}` : fr,
    severity,
  };
}
