/** Every message a person can read in an API error, in both official languages. */
export const messages = {
  bad_request: { en: 'Bad request', fr: 'Requête invalide' },
  invalid_parameters: {
    en: 'One or more parameters are invalid.',
    fr: 'Un ou plusieurs paramètres sont invalides.',
  },
  not_found: { en: 'Not found', fr: 'Introuvable' },
  route_not_found: { en: 'No such endpoint.', fr: 'Ce point de terminaison n’existe pas.' },
  point_not_found: { en: 'No published service point has this id.', fr: 'Aucun point de service publié ne porte cet identifiant.' },
  internal: { en: 'Internal server error', fr: 'Erreur interne du serveur' },
  internal_detail: {
    en: 'Something went wrong on our side. Please try again later.',
    fr: 'Un problème est survenu de notre côté. Veuillez réessayer plus tard.',
  },
  unavailable: { en: 'Service unavailable', fr: 'Service indisponible' },
  database_unavailable: {
    en: 'The database is not answering. Please try again shortly.',
    fr: 'La base de données ne répond pas. Veuillez réessayer sous peu.',
  },
  not_migrated: {
    en: 'The database schema is not up to date.',
    fr: 'Le schéma de la base de données n’est pas à jour.',
  },
  required: { en: 'This parameter is required.', fr: 'Ce paramètre est obligatoire.' },
  not_a_number: { en: 'Must be a number.', fr: 'Doit être un nombre.' },
  out_of_range: { en: 'Out of the allowed range.', fr: 'Hors de la plage permise.' },
  invalid_value: { en: 'Invalid value.', fr: 'Valeur invalide.' },
} as const satisfies Record<string, { en: string; fr: string }>;

export type MessageKey = keyof typeof messages;
