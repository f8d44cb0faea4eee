import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isPrivateAddress } from './public-address.js';

export { isPrivateAddress } from './public-address.js';

/** Why a source URL was not fetched, in both languages; the server turns it into its HTTP answer. */
export class SourceUrlProblem extends Error {
  constructor(
    readonly kind: 'bad_url' | 'private' | 'unresolvable' | 'unreachable' | 'too_large',
    readonly en: string,
    readonly fr: string,
  ) {
    super(en);
    this.name = 'SourceUrlProblem';
  }
}

const badUrl = (en: string, fr: string) => new SourceUrlProblem('bad_url', en, fr);
const privateAddress = () =>
  new SourceUrlProblem(
    'private',
    'The address is on a private or local network.',
    'L’adresse est sur un réseau privé ou local.',
  );
const unresolvable = () =>
  new SourceUrlProblem('unresolvable', 'The host name does not resolve.', 'Le nom d’hôte ne se résout pas.');
const unreachable = () =>
  new SourceUrlProblem(
    'unreachable',
    'The feed could not be downloaded from its URL.',
    'Le flux n’a pu être téléchargé depuis son adresse.',
  );
const tooLarge = () =>
  new SourceUrlProblem(
    'too_large',
    'The file is larger than the download limit.',
    'Le fichier dépasse la taille maximale permise.',
  );

/** Resolves a host name to all its addresses (dns.lookup; tests give their own). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface FetchPublicOptions {
  /** Milliseconds for the whole exchange, redirects included. */
  timeoutMs?: number;
  /** Tests and closed networks may fetch from private addresses; the public server must not. */
  allowPrivate?: boolean;
  /** How host names are resolved (once per connection; the connection goes to the address checked). */
  resolve?: Resolver;
  /** Redirects followed, each checked like the first address (default 3). */
  maxRedirects?: number;
  /** Which addresses are refused (default: every non-public one); tests narrow it to reach a local server. */
  isRefused?: (address: string) => boolean;
  /** Extra request headers (a scheduled pull's If-None-Match and If-Modified-Since), sent on every hop. */
  headers?: Record<string, string>;
}

/**
 * The `lookup` of the connection itself: the name is resolved once, every
 * address is checked, and the socket connects to the address that was checked,
 * so a name that answers a public address to a check and a private one to the
 * connection (DNS rebinding) gets nowhere.
 */
function checkedLookup(resolve: Resolver, refused: (address: string) => boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = typeof options.family === 'number' ? options.family : 0;
        const usable = found.filter((a) => family === 0 || a.family === family);
        if (usable.length === 0)
          return callback(Object.assign(new Error('does not resolve'), { code: 'ENOTFOUND' }), '', 0);
        if (found.some((a) => refused(a.address))) {
          return callback(Object.assign(new Error('private address'), { code: 'EPRIVATEADDRESS' }), '', 0);
        }
        if (options.all) (callback as unknown as (e: null, a: typeof usable) => void)(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

function get(
  url: URL,
  lookup: net.LookupFunction,
  signal: AbortSignal,
  extra: Record<string, string> = {},
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(
      url,
      { lookup, signal, headers: { ...extra, 'User-Agent': 'service-point-finder', Accept: '*/*' } },
      resolve,
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPRIVATEADDRESS') reject(privateAddress());
      else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') reject(unresolvable());
      else reject(unreachable());
    });
  });
}

/**
 * The checks every hop of a fetch passes before any connection: http or https,
 * no user name or password, and an address literal must be public.
 */
function checkHop(url: URL, refused: (address: string) => boolean): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badUrl(
      'Only http and https URLs can be fetched.',
      'Seules les adresses http et https peuvent être téléchargées.',
    );
  if (url.username || url.password)
    throw badUrl(
      'URLs with a user name or password are not fetched.',
      'Les adresses avec nom d’utilisateur ou mot de passe ne sont pas téléchargées.',
    );
  // The URL parser has already rewritten every spelling of an address literal (0x7f.1, [::ffff:127.0.0.1]).
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && refused(host)) throw privateAddress();
}

/**
 * Checks a source URL a steward saves, by the rules every fetch of it obeys
 * (fetchPublic): http or https, no credentials, an address literal must be
 * public, and a host name that resolves must resolve to public addresses only
 * (localhost, a name pointing into the private network). A name that does not
 * resolve now is accepted: the source may come online later, and each fetch
 * checks the address it connects to again. Answers the URL as parsed.
 */
export async function checkPublicUrl(
  source: string,
  options: Pick<FetchPublicOptions, 'allowPrivate' | 'resolve' | 'isRefused'> = {},
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw badUrl('Not a valid URL.', 'Adresse URL invalide.');
  }
  const refused = options.allowPrivate === true ? () => false : (options.isRefused ?? isPrivateAddress);
  checkHop(url, refused);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return url;
  let found: { address: string }[];
  try {
    found = await (options.resolve ?? systemResolver)(host);
  } catch {
    return url;
  }
  if (found.some((a) => refused(a.address))) throw privateAddress();
  return url;
}

/**
 * GETs a public http(s) URL. Each hop (the first URL and up to three
 * redirects) is checked the same way: http or https only, an address literal
 * must be public, a name is resolved once and the connection goes to the
 * address that was checked. Answers the final response (any status) and URL;
 * the caller reads or discards the body.
 */
export async function fetchPublic(
  source: string | URL,
  options: FetchPublicOptions = {},
): Promise<{ res: http.IncomingMessage; url: URL }> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw badUrl('Not a valid URL.', 'Adresse URL invalide.');
  }
  const signal = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  const refused = options.allowPrivate === true ? () => false : (options.isRefused ?? isPrivateAddress);
  const lookup = checkedLookup(options.resolve ?? systemResolver, refused);
  const maxRedirects = options.maxRedirects ?? 3;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    checkHop(url, refused);
    const res = await get(url, lookup, signal, options.headers);
    const location = res.headers.location;
    if (res.statusCode !== undefined && res.statusCode >= 300 && res.statusCode < 400 && location) {
      res.resume();
      try {
        url = new URL(location, url);
      } catch {
        throw unreachable();
      }
      continue;
    }
    return { res, url };
  }
  throw unreachable();
}

export interface DownloadOptions extends FetchPublicOptions {
  maxBytes: number;
}

/** Streams a response body to `file`, counting bytes as they come: over `maxBytes` is a 413. */
export async function saveBody(res: http.IncomingMessage, file: string, maxBytes: number): Promise<void> {
  if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(res, counter, fs.createWriteStream(file));
  } catch (err) {
    if (err instanceof SourceUrlProblem) throw err;
    throw unreachable();
  }
}

/**
 * Downloads a feed URL (http or https) to `dir`, streaming, with a size limit
 * (413), a time limit and at most three redirects, each checked against
 * private addresses (fetchPublic). Returns the file and the name to guess its
 * format from.
 */
export async function downloadToFile(
  source: string,
  dir: string,
  options: DownloadOptions,
): Promise<{ file: string; originalName: string }> {
  const { res, url } = await fetchPublic(source, options);
  if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300) {
    res.resume();
    throw unreachable();
  }
  const file = path.join(dir, 'download');
  await saveBody(res, file, options.maxBytes);
  return { file, originalName: path.basename(url.pathname) || 'download' };
}
