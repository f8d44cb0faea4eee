/** Every message a person can read in an API error, in both official languages. */
export const messages = {
  bad_request: { en: 'Bad request', fr: 'Requête invalide' },
  box_or_jurisdiction: {
    en: 'Give a bbox, or a jurisdiction to list all of its published points.',
    fr: 'Indiquez une bbox, ou une administration pour obtenir tous ses points publiés.',
  },
  invalid_parameters: {
    en: 'One or more parameters are invalid.',
    fr: 'Un ou plusieurs paramètres sont invalides.',
  },
  not_found: { en: 'Not found', fr: 'Introuvable' },
  route_not_found: { en: 'No such endpoint.', fr: 'Ce point de terminaison n’existe pas.' },
  point_not_found: {
    en: 'No published service point has this id.',
    fr: 'Aucun point de service publié ne porte cet identifiant.',
  },
  internal: { en: 'Internal server error', fr: 'Erreur interne du serveur' },
  internal_detail: {
    en: 'Something went wrong on our side. Please try again later.',
    fr: 'Un problème est survenu de notre côté. Veuillez réessayer plus tard.',
  },
  unavailable: { en: 'Service unavailable', fr: 'Service indisponible' },
  too_many_requests: { en: 'Too many requests', fr: 'Trop de requêtes' },
  database_unavailable: {
    en: 'The database is not answering. Please try again shortly.',
    fr: 'La base de données ne répond pas. Veuillez réessayer sous peu.',
  },
  query_timeout: {
    en: 'The request took too long to answer. Please try again shortly.',
    fr: 'La requête a pris trop de temps. Veuillez réessayer sous peu.',
  },
  not_migrated: {
    en: 'The database schema is not up to date.',
    fr: 'Le schéma de la base de données n’est pas à jour.',
  },
  required: { en: 'This parameter is required.', fr: 'Ce paramètre est obligatoire.' },
  not_a_number: { en: 'Must be a number.', fr: 'Doit être un nombre.' },
  out_of_range: { en: 'Out of the allowed range.', fr: 'Hors de la plage permise.' },
  invalid_value: { en: 'Invalid value.', fr: 'Valeur invalide.' },
  unauthorized: { en: 'Unauthorized', fr: 'Non autorisé' },
  api_key_required: {
    en: 'This request needs an API key: send Authorization: Bearer <key>.',
    fr: 'Cette requête exige une clé d’API : envoyez Authorization: Bearer <clé>.',
  },
  api_key_invalid: {
    en: 'The API key is not valid or has been revoked.',
    fr: 'La clé d’API n’est pas valide ou a été révoquée.',
  },
  forbidden: { en: 'Forbidden', fr: 'Interdit' },
  other_jurisdiction: {
    en: 'This API key belongs to another jurisdiction; it can change only its own jurisdiction’s feeds.',
    fr: 'Cette clé d’API appartient à une autre administration; elle ne peut modifier que les flux de sa propre administration.',
  },
  conflict: { en: 'Conflict', fr: 'Conflit' },
  feed_exists: { en: 'A feed with this id already exists.', fr: 'Un flux portant cet identifiant existe déjà.' },
  feed_not_found: { en: 'No feed has this id.', fr: 'Aucun flux ne porte cet identifiant.' },
  version_not_found: {
    en: 'This feed has no version with this id.',
    fr: 'Ce flux n’a aucune version portant cet identifiant.',
  },
  version_not_publishable: {
    en: 'This version cannot be published: it failed validation.',
    fr: 'Cette version ne peut pas être publiée : sa validation a échoué.',
  },
  nothing_to_roll_back: {
    en: 'There is no earlier version to return to.',
    fr: 'Il n’y a aucune version antérieure à laquelle revenir.',
  },
  pull_schedule_not_found: {
    en: 'This feed has no pull schedule; set one first.',
    fr: 'Ce flux n’a pas de calendrier de récupération; définissez-en un d’abord.',
  },
  pull_running: {
    en: 'A pull of this feed is running; wait for it to finish.',
    fr: 'Une récupération de ce flux est en cours; attendez qu’elle se termine.',
  },
  no_source_url: {
    en: 'This feed has no source URL to pull from; give it one first.',
    fr: 'Ce flux n’a pas d’adresse source d’où le récupérer; indiquez-en une d’abord.',
  },
  report_not_found: {
    en: 'This feed has no report with this id.',
    fr: 'Ce flux n’a aucun signalement portant cet identifiant.',
  },
  too_many_reports: {
    en: 'You have sent several reports in a short time. Please wait a few minutes and try again.',
    fr: 'Vous avez envoyé plusieurs signalements en peu de temps. Veuillez patienter quelques minutes et réessayer.',
  },
  jurisdiction_not_found: { en: 'No jurisdiction has this id.', fr: 'Aucune administration ne porte cet identifiant.' },
  life_event_not_found: { en: 'No life event has this code.', fr: 'Aucun événement de vie ne porte ce code.' },
  payload_too_large: { en: 'Payload too large', fr: 'Contenu trop volumineux' },
  upload_too_large: {
    en: 'The file is larger than the upload limit.',
    fr: 'Le fichier dépasse la taille maximale permise.',
  },
  upload_aborted: {
    en: 'The upload was interrupted before the file arrived whole.',
    fr: 'Le téléversement a été interrompu avant que le fichier n’arrive en entier.',
  },
  file_required: {
    en: 'Send the file as multipart/form-data in a field named "file", or JSON {"source_url": "..."}.',
    fr: 'Envoyez le fichier en multipart/form-data dans un champ nommé « file », ou du JSON {"source_url": "..."}.',
  },
  source_unreachable: {
    en: 'The feed could not be downloaded from its URL.',
    fr: 'Le flux n’a pu être téléchargé depuis son adresse.',
  },
  bad_gateway: { en: 'Bad gateway', fr: 'Passerelle incorrecte' },
  unsupported_media_type: { en: 'Unsupported media type', fr: 'Type de média non pris en charge' },
} as const satisfies Record<string, { en: string; fr: string }>;

export type MessageKey = keyof typeof messages;
