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
  duplicate_in_feed: [
    'error',
    'Another row of this file has the same identifier.',
    'Une autre ligne de ce fichier porte le même identifiant.',
  ],
  not_located: [
    'warning',
    'The point could not be located; it is kept but not shown on the map.',
    'Le point n’a pu être localisé; il est conservé mais n’apparaît pas sur la carte.',
  ],
  invalid_province: ['warning', 'Unknown province or territory.', 'Province ou territoire inconnu.'],
  invalid_postal_code: ['warning', 'Malformed postal code.', 'Code postal mal formé.'],
  invalid_phone: ['warning', 'Malformed phone number.', 'Numéro de téléphone mal formé.'],
  invalid_email: ['warning', 'Malformed e-mail address.', 'Adresse courriel mal formée.'],
  invalid_url: ['warning', 'Malformed web address.', 'Adresse Web mal formée.'],
  coordinate_not_number: [
    'warning',
    'The coordinate is not a number; the point is located from its address where possible.',
    'La coordonnée n’est pas un nombre; le point est localisé à partir de son adresse si possible.',
  ],
  coordinate_missing_pair: [
    'warning',
    'Only one of longitude and latitude is given; the point is located from its address where possible.',
    'Une seule des deux coordonnées (longitude, latitude) est fournie; le point est localisé à partir de son adresse si possible.',
  ],
  coordinates_zero: [
    'warning',
    'The coordinates are 0, 0 (an empty cell read as zero); the point is located from its address where possible.',
    'Les coordonnées valent 0, 0 (une cellule vide lue comme zéro); le point est localisé à partir de son adresse si possible.',
  ],
  latitude_out_of_range: [
    'warning',
    'Latitude must be between -90 and 90; the coordinates were ignored.',
    'La latitude doit être comprise entre -90 et 90; les coordonnées ont été ignorées.',
  ],
  longitude_out_of_range: [
    'warning',
    'Longitude must be between -180 and 180; the coordinates were ignored.',
    'La longitude doit être comprise entre -180 et 180; les coordonnées ont été ignorées.',
  ],
  outside_canada: [
    'warning',
    'The coordinates are outside Canada; they were ignored.',
    'Les coordonnées sont hors du Canada; elles ont été ignorées.',
  ],
  coordinates_swapped: [
    'warning',
    'Latitude and longitude were swapped; corrected.',
    'La latitude et la longitude étaient inversées; corrigé.',
  ],
  longitude_sign: [
    'warning',
    'The longitude had no minus sign (west of Greenwich); corrected.',
    'La longitude n’avait pas de signe moins (ouest de Greenwich); corrigé.',
  ],
  province_mismatch: [
    'warning',
    'The coordinates fall in another province or territory than the one given.',
    'Les coordonnées tombent dans une autre province ou un autre territoire que celui indiqué.',
  ],
  html_removed: ['warning', 'HTML markup was removed from the text.', 'Le balisage HTML a été retiré du texte.'],
  bidi_control: [
    'error',
    'The text contains hidden text-direction control characters.',
    'Le texte contient des caractères invisibles de contrôle de direction.',
  ],
  field_too_long: ['error', 'The value is too long.', 'La valeur est trop longue.'],
  unreadable_row: ['error', 'The row could not be read.', 'La ligne n’a pu être lue.'],
  unreadable_file: ['error', 'The file could not be read.', 'Le fichier n’a pu être lu.'],
  no_rows: ['error', 'The file has no data rows.', 'Le fichier ne contient aucune ligne de données.'],
  text_cleaned: [
    'warning',
    'Control characters were removed from the text.',
    'Des caractères de contrôle ont été retirés du texte.',
  ],
  duplicate_content: [
    'error',
    'This row repeats an earlier row of the file.',
    'Cette ligne répète une ligne précédente du fichier.',
  ],
  schema_violation: [
    'warning',
    'The record does not follow the Open Referral HSDS 3.0 schema.',
    'L’enregistrement ne respecte pas le schéma Open Referral HSDS 3.0.',
  ],
  unresolved_reference: [
    'warning',
    'The record refers to another record that is not in the file.',
    'L’enregistrement renvoie à un autre enregistrement absent du fichier.',
  ],
  unknown_format: [
    'error',
    'The file format was not recognised (expected CSV, GeoJSON or Open Referral HSDS).',
    'Le format du fichier n’a pas été reconnu (CSV, GeoJSON ou Open Referral HSDS attendu).',
  ],
  not_a_point: [
    'warning',
    'The geometry is not a point; its first position is used.',
    'La géométrie n’est pas un point; sa première position est utilisée.',
  ],
  all_rows_rejected: [
    'error',
    'Every row of the file was rejected; nothing was stored.',
    'Toutes les lignes du fichier ont été rejetées; rien n’a été enregistré.',
  ],
  virtual_location: [
    'error',
    'A virtual location has no place on the map; not stored as a service point.',
    'Un lieu virtuel n’a pas de place sur la carte; il n’est pas enregistré comme point de service.',
  ],
  load_failed: [
    'error',
    'The load failed; the previously published version is unchanged.',
    'Le chargement a échoué; la version publiée précédente est inchangée.',
  ],
  unreadable_dates: [
    'warning',
    'Part of the closed dates could not be read as dates (YYYY-MM-DD, “December 24, 2026” or “24 décembre 2026”); the readable ones are kept.',
    'Une partie des dates de fermeture n’a pu être lue (AAAA-MM-JJ, « 24 décembre 2026 » ou « December 24, 2026 »); les dates lisibles sont conservées.',
  ],
  unreadable_yes_no: [
    'warning',
    'Expected yes or no (oui or non); ignored.',
    'Oui ou non (yes ou no) attendu; ignoré.',
  ],
  unknown_category: ['warning', 'Unknown service category; ignored.', 'Catégorie de service inconnue; ignorée.'],
  too_many_columns: [
    'error',
    'The file has more columns than a feed may have; nothing was stored.',
    'Le fichier a plus de colonnes qu’un flux ne peut en avoir; rien n’a été enregistré.',
  ],
  import_time_limit: [
    'error',
    'The file took longer to read than an import may take; nothing was stored.',
    'La lecture du fichier a dépassé la durée permise pour une importation; rien n’a été enregistré.',
  ],
  import_memory_limit: [
    'error',
    'The file needed more memory than an import may use; nothing was stored.',
    'Le fichier exigeait plus de mémoire qu’une importation ne peut en utiliser; rien n’a été enregistré.',
  ],
  feed_of_other_jurisdiction: [
    'error',
    'This feed id belongs to another jurisdiction; nothing was stored.',
    'Cet identifiant de flux appartient à une autre administration; rien n’a été enregistré.',
  ],
} as const satisfies Record<string, readonly ['error' | 'warning', string, string]>;

export type IssueCode = keyof typeof ISSUES;

/**
 * A problem with a file that its steward can act on, said in words that are
 * safe to show (no paths, no SQL): only these messages reach a load report.
 * Any other error is reported by its code alone.
 */
export class FileProblem extends Error {
  override name = 'FileProblem';
}

/** `(code …)` for an unexpected error: its SQLSTATE or errno code, never its message. */
export function errorCodeDetail(err: unknown): { en: string; fr: string } {
  if (err instanceof FileProblem) return { en: `(${err.message})`, fr: `(${err.message})` };
  const raw = (err as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(raw) ? raw : 'internal';
  return { en: `(error code: ${code})`, fr: `(code d’erreur : ${code})` };
}

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
