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

/** Whether a whole file is valid UTF-8, read as a stream (a Latin-1 accent may sit past the first 64 KB). */
async function isUtf8(file: string, start: number): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(file, { start, highWaterMark: 1 << 20 }))
      decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The encoding of a text file and the iconv name to decode it with. */
export async function sniffEncoding(
  file: string,
): Promise<{ encoding: TextEncoding; bomLength: number; iconvName: string; head: Buffer }> {
  const head = await readHead(file);
  const detected = detectEncoding(head);
  const { bomLength } = detected;
  let { encoding } = detected;
  if (encoding === 'utf8' && bomLength === 0 && !(await isUtf8(file, 0))) encoding = 'win1252';
  const iconvName = encoding === 'win1252' ? 'windows-1252' : encoding === 'utf16be' ? 'utf-16be' : encoding;
  return { encoding, bomLength, iconvName, head };
}

/** A file as a stream of decoded text, whatever its encoding. */
export async function openText(
  file: string,
): Promise<{ text: NodeJS.ReadableStream & AsyncIterable<string>; encoding: TextEncoding; headText: string }> {
  const { encoding, bomLength, iconvName, head } = await sniffEncoding(file);
  const headText = iconv.decode(head.subarray(bomLength), iconvName);
  const source = fs.createReadStream(file, { start: bomLength, highWaterMark: 1 << 18 });
  const text = source.pipe(iconv.decodeStream(iconvName));
  // A reader that stops early (a preview of the first rows) destroys the text; pipe alone would
  // leave the file open, paused, for as long as the process lives.
  text.on('close', () => source.destroy());
  return { text: text as unknown as NodeJS.ReadableStream & AsyncIterable<string>, encoding, headText };
}

/**
 * The most columns (CSV) or properties (GeoJSON) a feed may have. Real
 * service-point files have tens; a header of tens of thousands is an attack on
 * the loader's time, and the file is refused as a whole.
 */
export const MAX_COLUMNS = 500;

/** A file refused as a whole for its shape (too many columns); nothing is stored. */
export class TooManyColumns extends Error {
  constructor(readonly columns: number) {
    super(`${columns} columns; at most ${MAX_COLUMNS}`);
  }
}

export interface CsvTableRow {
  /** 0 for the header, then 1-based data rows. */
  row: number;
  cells: string[];
}

/**
 * Streams a delimited text file as raw cells (the header is row 0), in any
 * common encoding and delimiter, CRLF or LF, with quoted multi-line fields.
 * A record the parser cannot read is reported through `onSkip` and reading
 * goes on; the whole file is never held in memory.
 */
export async function* readCsvTable(
  file: string,
  options: {
    maxFieldBytes?: number;
    onSkip?: (row: number, message: string) => void;
    encoding?: (e: TextEncoding, delimiter: string) => void;
  } = {},
): AsyncGenerator<CsvTableRow> {
  const { text, encoding, headText } = await openText(file);
  const delimiter = detectDelimiter(headText.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '');
  options.encoding?.(encoding, delimiter);
  let row = -1;
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    bom: true,
    max_record_size: options.maxFieldBytes ?? 16 * 1024 * 1024,
  });
  parser.on('skip', (err: Error) => options.onSkip?.(row + 1, err.message));
  const decoded = Readable.from(text);
  const records = decoded.pipe(parser) as AsyncIterable<string[]>;
  try {
    for await (const cells of records) {
      // A line of only delimiters is an empty row, not a record.
      if (cells.every((c) => c.trim() === '')) continue;
      row += 1;
      yield { row, cells };
    }
  } finally {
    // Stopped early or done: the text and the file under it are closed (see openText).
    decoded.destroy();
  }
}

export interface CsvRow {
  /** 1-based data row number; the header is row 0. */
  row: number;
  record: Record<string, string>;
}

/**
 * Streams a delimited text file as records keyed by header (see readCsvTable).
 */
export async function* readCsv(
  file: string,
  options: { maxFieldBytes?: number; maxColumns?: number } = {},
): AsyncGenerator<CsvRow> {
  let header: string[] | null = null;
  for await (const { row, cells } of readCsvTable(file, options)) {
    if (!header) {
      if (options.maxColumns !== undefined && cells.length > options.maxColumns) throw new TooManyColumns(cells.length);
      header = cells.map((h) => h.replace(/^\uFEFF/, '').trim());
      continue;
    }
    const record: Record<string, string> = {};
    header.forEach((h, i) => {
      if (!(h in record) || record[h] === '') record[h] = cells[i] ?? '';
    });
    yield { row, record };
  }
}
