/** Text-direction controls: embeddings, overrides, isolates and marks. They can disguise a name or a link. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** C0/C1 controls other than tab and line breaks, and the zero-width no-break space. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]/g;
const TAG = /<\/?[a-zA-Z!][^<>]*>/g;
/**
 * Printable ASCII words with single spaces, no '&' or '<': a cell the steps of
 * cleanText leave exactly as it is (no markup, entity, control, direction
 * mark, line break, or space to trim or collapse).
 */
const PLAIN = /^[!-%'-;=-~]+(?: [!-%'-;=-~]+)*$/;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  ecirc: 'ê',
  ocirc: 'ô',
};

export interface CleanText {
  value: string | null;
  bidi: boolean;
  html: boolean;
  controls: boolean;
}

/**
 * One cell as a person should read it: trimmed, spaces collapsed, HTML
 * removed (flagged), control characters removed (flagged), direction controls
 * detected (the caller rejects). An empty cell is null, never "" or 0.
 */
export function cleanText(input: unknown, options: { multiline?: boolean } = {}): CleanText {
  if (input === null || input === undefined) return { value: null, bidi: false, html: false, controls: false };
  // Most cells are already clean: one test instead of the chain of regular
  // expressions below, run on some 15 cells a row. Same result by construction.
  if (typeof input === 'string' && PLAIN.test(input))
    return { value: input, bidi: false, html: false, controls: false };
  let s =
    typeof input === 'string'
      ? input
      : typeof input === 'number' || typeof input === 'boolean'
        ? String(input)
        : JSON.stringify(input);
  let bidi = BIDI.test(s);
  let html = false;
  if (/<\/?[a-zA-Z!][^<>]*>/.test(s) || /&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(s)) {
    const before = s;
    // Entities first: markup written as entities ("&lt;script&gt;") must not come out as live markup.
    s = s
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
      .replace(/&([a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m)
      .replace(/<br\s*\/?>|<\/p>|<\/li>|<\/div>/gi, '\n')
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
      .replace(TAG, ' ');
    html = s !== before;
    // "&#x202E;" decodes to a direction control too.
    bidi ||= BIDI.test(s);
  }
  const withoutControls = s.replace(CONTROL, ' ');
  const controls = withoutControls !== s;
  s = options.multiline
    ? withoutControls
        .split(/\r?\n/)
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join('\n')
    : withoutControls.replace(/\s+/g, ' ').trim();
  return { value: s.length > 0 ? s : null, bidi, html, controls };
}
