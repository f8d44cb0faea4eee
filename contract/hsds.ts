import { z } from 'zod';
import { timestamp } from './common.js';

/**
 * The Open Referral HSDS 3.0 records the finder publishes (GET /hsds/...), as
 * it writes them: HSDS types optional fields as strings, numbers or arrays,
 * never null, so an unknown value is an absent field (`.optional()` here),
 * never a null. The official schemas (data-loaders/schemas/hsds-3.0-official)
 * allow more; these say exactly what this server sends.
 */

/** A list HSDS defines that the finder has nothing to put in: always sent, always empty. */
const none = z.array(z.never());

/** A language spoken by a service or on one of its phones. */
export const hsdsLanguage = z.strictObject({
  id: z.string(),
  service_id: z.string().optional(),
  phone_id: z.string().optional(),
  name: z.string(),
  /** ISO 639-1: en, fr. */
  code: z.string(),
  attributes: none,
  metadata: none,
});

/** Who offers the service: the jurisdiction, as a government organization. */
export const hsdsOrganization = z.strictObject({
  id: z.string(),
  name: z.string(),
  alternate_name: z.string().optional(),
  description: z.string(),
  website: z.string().optional(),
  additional_websites: none,
  legal_status: z.string(),
  funding: none,
  contacts: none,
  phones: none,
  locations: none,
  programs: none,
  organization_identifiers: none,
  attributes: none,
  metadata: none,
});
export type HsdsOrganization = z.infer<typeof hsdsOrganization>;

/** A weekly opening period of a location (in person), or a call centre's hours in words (by phone). */
export const hsdsSchedule = z.strictObject({
  id: z.string(),
  service_id: z.string().optional(),
  location_id: z.string().optional(),
  service_at_location_id: z.string().optional(),
  wkst: z.string().optional(),
  freq: z.string().optional(),
  interval: z.number().int().optional(),
  /** MO ... SU (RFC 5545). */
  byday: z.string().optional(),
  description: z.string().optional(),
  opens_at: z.string().optional(),
  closes_at: z.string().optional(),
  notes: z.string().optional(),
  attending_type: z.string(),
  attributes: none,
  metadata: none,
});
export type HsdsSchedule = z.infer<typeof hsdsSchedule>;

/** A civic address of a location. */
export const hsdsAddress = z.strictObject({
  id: z.string(),
  location_id: z.string(),
  address_1: z.string(),
  city: z.string(),
  state_province: z.string(),
  postal_code: z.string(),
  country: z.string(),
  address_type: z.string(),
  attributes: none,
  metadata: none,
});

/** One accessibility feature of a location, as the feed named it. */
export const hsdsAccessibility = z.strictObject({
  id: z.string(),
  location_id: z.string(),
  description: z.string(),
  attributes: none,
  metadata: none,
});

/** A service point's physical location: address, accessibility and opening hours. */
export const hsdsLocation = z.strictObject({
  id: z.string(),
  location_type: z.string(),
  organization_id: z.string(),
  name: z.string(),
  alternate_name: z.string().optional(),
  /** Absent for a point the feed could not locate. */
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  /** The finder's point id (GET /api/service-points/{id}). */
  external_identifier: z.string(),
  external_identifier_type: z.string(),
  languages: none,
  addresses: z.array(hsdsAddress),
  contacts: none,
  accessibility: z.array(hsdsAccessibility),
  phones: none,
  schedules: z.array(hsdsSchedule),
  attributes: none,
  metadata: none,
});
export type HsdsLocation = z.infer<typeof hsdsLocation>;

/** A phone number of a service: a counter's line, a call centre's (with its French line) or a TTY ("textphone"). */
export const hsdsPhone = z.strictObject({
  id: z.string(),
  service_id: z.string(),
  number: z.string(),
  type: z.string(),
  description: z.string().optional(),
  languages: z.array(hsdsLanguage),
  attributes: none,
  metadata: none,
});

/** A service category of the finder's taxonomy (GET /api/categories) as an HSDS taxonomy term. */
export const hsdsTaxonomyTerm = z.strictObject({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  taxonomy: z.string(),
  language: z.string(),
});

/** A service's category, linked to its taxonomy term. */
export const hsdsAttribute = z.strictObject({
  id: z.string(),
  link_id: z.string(),
  taxonomy_term_id: z.string(),
  link_type: z.string(),
  link_entity: z.string(),
  label: z.string(),
  taxonomy_term: hsdsTaxonomyTerm,
  metadata: none,
});

/** A service offered at a location, with the location itself. */
export const hsdsServiceAtLocation = z.strictObject({
  id: z.string(),
  service_id: z.string(),
  location_id: z.string(),
  service_areas: none,
  contacts: none,
  phones: none,
  schedules: z.array(hsdsSchedule),
  location: hsdsLocation,
  attributes: none,
  metadata: none,
});

/** Where a record comes from (not an HSDS field; HSDS readers ignore it): a published point of a feed ... */
export const hsdsPointSource = z.strictObject({
  point_id: z.string(),
  feed_id: z.string(),
  feed_name: z.string(),
  licence: z.string().optional(),
  source_url: z.string().optional(),
});

/** ... or an online or phone channel the feed's points carry. */
export const hsdsChannelSource = z.strictObject({
  channel_id: z.string(),
  kind: z.enum(['online', 'phone']),
  feed_id: z.string(),
  feed_name: z.string(),
  licence: z.string().optional(),
  source_url: z.string().optional(),
});

/**
 * One HSDS 3.0 service: a published service point's (offered at its location,
 * its categories as attributes), or an online or phone channel's (offered at
 * the locations of the points that carry it, its page as `url`, its lines as `phones`).
 */
export const hsdsService = z.strictObject({
  id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  alternate_name: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  email: z.string().optional(),
  status: z.string(),
  last_modified: z.string().optional(),
  phones: z.array(hsdsPhone),
  schedules: z.array(hsdsSchedule),
  service_areas: none,
  service_at_locations: z.array(hsdsServiceAtLocation),
  languages: z.array(hsdsLanguage),
  organization: hsdsOrganization,
  funding: none,
  cost_options: none,
  required_documents: none,
  contacts: none,
  attributes: z.array(hsdsAttribute),
  metadata: none,
  source: z.union([hsdsPointSource, hsdsChannelSource]),
});
export type HsdsService = z.infer<typeof hsdsService>;

/** GET /hsds/services: one page of services (the HSDS 3.0 API's "Page"), 1-based. */
export const hsdsServicesPage = z.strictObject({
  total_items: z.number().int(),
  total_pages: z.number().int(),
  page_number: z.number().int(),
  size: z.number().int(),
  first_page: z.boolean(),
  last_page: z.boolean(),
  empty: z.boolean(),
  contents: z.array(hsdsService),
});
export type HsdsServicesPage = z.infer<typeof hsdsServicesPage>;

/** A published feed of an export, with its licence and attribution. */
export const hsdsFeed = z.strictObject({
  id: z.string(),
  jurisdiction_id: z.string(),
  name_en: z.string(),
  name_fr: z.string(),
  licence: z.string().nullable(),
  attribution_en: z.string().nullable(),
  attribution_fr: z.string().nullable(),
  source_url: z.string().nullable(),
  is_synthetic: z.boolean(),
  version_id: z.number().int(),
  published_at: timestamp.nullable(),
  points: z.number().int(),
});
export type HsdsFeed = z.infer<typeof hsdsFeed>;

/** GET /hsds/export: every service of the published feeds (or of one), with their feeds and organizations. */
export const hsdsExport = z.strictObject({
  hsds_version: z.literal('3.0'),
  generated_at: timestamp,
  feeds: z.array(hsdsFeed),
  organizations: z.array(hsdsOrganization),
  services: z.array(hsdsService),
});
export type HsdsExport = z.infer<typeof hsdsExport>;
