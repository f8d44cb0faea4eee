import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'win1252';

/** Guesses a file's encoding from its first bytes: BOMs, then UTF-8 validity, else Windows-1252. */
export function detectEncoding(head: Buffer): { encoding: TextEncoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 };
  // UTF-16 without a BOM: every other byte of ASCII text is zero.
  const sample = head.subarray(0, 512);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i += 1) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) zeroEven += 1;
    else zeroOdd += 1;
  }
  if (sample.length >= 4 && zeroOdd > sample.length / 4) return { encoding: 'utf16le', bomLength: 0 };
  if (sample.length >= 4 && zeroEven > sample.length / 4) return { encoding: 'utf16be', bomLength: 0 };
  // A multi-byte sequence cut at the end of the sample is not an error.
  const text = head.toString('utf8');
  const bad = text.slice(0, Math.max(0, text.length - 3)).includes('\uFFFD');
  return { encoding: bad ? 'win1252' : 'utf8', bomLength: 0 };
}

/** The delimiter of a delimited text file, from its first line: comma, semicolon or tab. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
  }
  const best = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

async function readHead(file: string, bytes = 65536): Promise<Buffer> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export interface CsvRow {
  /** 1-based data row number; the header is row 0. */
  row: number;
  record: Record<string, string>;
}

/**
 * Streams a delimited text file as records keyed by header, in any common
 * encoding and delimiter, CRLF or LF, with quoted multi-line fields.
 * Never holds the whole file in memory.
 */
export async function* readCsv(file: string, options: { maxFieldBytes?: number } = {}): AsyncGenerator<CsvRow> {
  const head = await readHead(file);
  const { encoding, bomLength } = detectEncoding(head);
  const iconvName = encoding === 'win1252' ? 'windows-1252' : encoding === 'utf16be' ? 'utf-16be' : encoding;
  const headText = iconv.decode(head.subarray(bomLength), iconvName);
  const delimiter = detectDelimiter(headText.split(/\r?\n/)[0] ?? '');
  const source = fs.createReadStream(file, { start: bomLength });
  const decoded = source.pipe(iconv.decodeStream(iconvName));
  const parser = Readable.from(decoded).pipe(
    parse({
      delimiter,
      columns: (header: string[]) => header.map((h) => h.replace(/^\uFEFF/, '').trim()),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
      max_record_size: options.maxFieldBytes ?? 16 * 1024 * 1024,
    }),
  );
  let row = 0;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    row += 1;
    yield { row, record };
  }
}
