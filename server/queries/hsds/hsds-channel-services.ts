import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { ChannelRow } from '../channels/channel-row.js';
import { iso, languageOf, organizationOf, uuidOf, withoutNulls, type HsdsSourceColumns } from './hsds-record-parts.js';
import type { HsdsLocation } from './hsds-services.js';

/** A row of sql/queries/hsds_channels.sql: a channel derived from a published feed and the points that carry it. */
export interface HsdsChannelRow
  extends
    HsdsSourceColumns,
    Pick<
      ChannelRow,
      | 'kind'
      | 'name_en'
      | 'name_fr'
      | 'categories'
      | 'url_en'
      | 'url_fr'
      | 'phone'
      | 'phone_fr'
      | 'tty'
      | 'hours_en'
      | 'hours_fr'
      | 'languages'
      | 'provinces'
    > {
  channel_id: string;
  point_ids: string[];
}

/** The feed-derived channels of one feed (or of all), or the one whose HSDS service id is given. */
export async function hsdsChannelRows(
  db: Queryable,
  p: { feedId: string | null; serviceId: string | null },
): Promise<HsdsChannelRow[]> {
  return (await db.query<HsdsChannelRow>(sqlFile('hsds_channels'), [p.feedId, p.serviceId])).rows;
}

/**
 * A channel's phones as HSDS phone records: the number (with the languages
 * spoken on it and, in words, its hours: HSDS's "details of availability"),
 * the French line when it differs, the TTY as a "textphone" (RFC 6350, as
 * HSDS 3.0 names it).
 */
function phonesOf(c: HsdsChannelRow) {
  const phone = (
    key: string,
    number: string,
    type: 'voice' | 'textphone',
    description: string | null,
    languages: string[],
  ) => {
    const id = uuidOf(`phone:${c.channel_id}:${key}`);
    return {
      id,
      location_id: null,
      service_id: c.service_id,
      organization_id: null,
      contact_id: null,
      service_at_location_id: null,
      number,
      extension: null,
      type,
      description,
      languages: languages.map((code) =>
        languageOf(code, `${c.channel_id}:${key}`, { service_id: null, phone_id: id }),
      ),
      attributes: [],
      metadata: [],
    };
  };
  const out = [];
  if (c.phone) out.push(phone('voice', c.phone, 'voice', c.hours_en ?? c.hours_fr, c.languages));
  if (c.phone_fr && c.phone_fr !== c.phone)
    out.push(phone('voice-fr', c.phone_fr, 'voice', 'French line / Ligne en français', ['fr']));
  if (c.tty) out.push(phone('tty', c.tty, 'textphone', 'TTY / ATS', []));
  return out;
}

/**
 * One online or phone channel as an HSDS 3.0 service, as the HSDS reader
 * (data-loaders/lib/read-feed-hsds.ts) reads a channel back: the online
 * channel's page is the service's `url`; the call centre's number, French
 * line and TTY are the service's `phones`, its languages those of the number
 * (not the service's, which a reader gives the locations too). The service is
 * offered at the locations of the points that carry the channel (`locations`,
 * by point id), so it comes back as a channel when it is offered at two or more.
 *
 * The call centre's hours are also a schedule of the service (described in
 * words) only when every one of those locations has schedules of its own: a
 * reader gives a location without any the schedules of the services offered
 * there, and a call centre's hours are not a counter's opening hours.
 */
export function channelServiceOf(c: HsdsChannelRow, locations: ReadonlyMap<string, HsdsLocation>) {
  const at = c.point_ids.map((id) => locations.get(id)).filter((l): l is HsdsLocation => l !== undefined);
  const hours = c.hours_en ?? c.hours_fr;
  const hoursAsSchedule =
    c.kind === 'phone' && hours !== null && at.length > 0 && at.every((l) => l.schedules.length > 0);
  const service = withoutNulls({
    id: c.service_id,
    organization_id: c.organization_id,
    program_id: null,
    name: c.name_en,
    alternate_name: c.name_fr,
    description: `${c.kind === 'online' ? 'Online' : 'By phone'}${c.categories.length > 0 ? `: ${c.categories.join(', ')}` : ''}`,
    url: c.kind === 'online' ? (c.url_en ?? c.url_fr) : null,
    email: null,
    status: 'active',
    last_modified: iso(c.updated_at),
    phones: c.kind === 'phone' ? phonesOf(c) : [],
    schedules: hoursAsSchedule
      ? [
          {
            id: uuidOf(`schedule:${c.channel_id}`),
            service_id: c.service_id,
            location_id: null,
            service_at_location_id: null,
            description: hours,
            notes: c.hours_fr && c.hours_fr !== hours ? c.hours_fr : null,
            attending_type: 'phone',
            attributes: [],
            metadata: [],
          },
        ]
      : [],
    service_areas: [],
    languages: [],
    organization: organizationOf(c),
    funding: [],
    cost_options: [],
    program: null,
    required_documents: [],
    contacts: [],
    attributes: [],
    metadata: [],
    // Where the record comes from (not an HSDS field; clients ignore it).
    source: {
      channel_id: c.channel_id,
      kind: c.kind,
      feed_id: c.feed_id,
      feed_name: c.feed_name_en,
      licence: c.licence,
      source_url: c.source_url,
    },
  });
  // Locations are attached as they are (already without nulls): one object shared with the point's own service.
  const serviceAtLocations = at.map((location) => ({
    id: uuidOf(`service-at-location:${c.channel_id}:${location.external_identifier}`),
    service_id: c.service_id,
    location_id: location.id,
    service_areas: [],
    contacts: [],
    phones: [],
    schedules: [],
    location,
    attributes: [],
    metadata: [],
  }));
  return { ...service, service_at_locations: serviceAtLocations };
}

export type HsdsChannelService = ReturnType<typeof channelServiceOf>;
