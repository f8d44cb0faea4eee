import { openText } from './read-csv.js';
import { FileProblem } from './row-issue.js';

/** Deeper than any real feed (GeoJSON and HSDS use a handful of levels). */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests arrays and objects deeper than `max` (a linear scan, strings skipped). */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return false;
}

export interface JsonElement {
  /** The member of the top-level object holding the array, or null for a top-level array. */
  key: string | null;
  /** 0-based position in its array. */
  index: number;
  value: unknown;
}

export interface JsonElementsOptions {
  /** Arrays to stream: members of the top-level object with these names (a top-level array always streams). */
  keys: readonly string[];
  /** One element larger than this is reported, not parsed. */
  maxElementChars?: number;
  /** One element nested deeper than this (arrays and objects, the file's own levels included) is reported, not parsed (default 64). */
  maxDepth?: number;
  /** An element that is not valid JSON, or is too large: reported, and reading goes on. */
  onBadElement?: (index: number, message: string) => void;
  /** Members of the top-level object that are not streamed, when small (e.g. "type"). */
  onTopLevel?: (key: string, value: unknown) => void;
}

/**
 * Streams the elements of a JSON array (a GeoJSON FeatureCollection's
 * "features", an HSDS list) without holding the file in memory: a small
 * scanner tracks strings and nesting, cuts out one element at a time and
 * parses only that. Throws on a file that is not JSON at all; a truncated
 * file yields every complete element, then throws.
 */
export async function* streamJsonElements(file: string, options: JsonElementsOptions): AsyncGenerator<JsonElement> {
  const maxChars = options.maxElementChars ?? 64 * 1024 * 1024;
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const { text } = await openText(file);
  const stack: ('{' | '[')[] = [];
  let inString = false;
  let escape = false;
  // The last completed string at depth 1 and whether a ':' followed it: the current member's key.
  let stringStart = -1;
  let keyCarry = '';
  let pendingKey: string | null = null;
  let memberKey: string | null = null;
  let topLevelStart = -1;
  let topLevelParts: string[] = [];
  let topLevelKey: string | null = null;
  // The array being streamed: its depth and key, and the element being cut out.
  let target: { depth: number; key: string | null } | null = null;
  let parts: string[] = [];
  let partsChars = 0;
  let elementStart = -1;
  let tooLarge = false;
  let tooDeep = false;
  let index = 0;
  let seenNonSpace = false;
  const out: JsonElement[] = [];

  const flushElement = (chunk: string, end: number) => {
    if (elementStart < 0) return;
    const skipped = tooLarge || tooDeep;
    if (!skipped) parts.push(chunk.slice(elementStart, end));
    const body = skipped ? '' : parts.join('');
    if (tooLarge) options.onBadElement?.(index, `element larger than ${maxChars} characters`);
    else if (tooDeep) options.onBadElement?.(index, `element nested deeper than ${maxDepth} levels`);
    else if (body.trim() !== '') {
      try {
        out.push({ key: target?.key ?? null, index, value: JSON.parse(body) });
      } catch (err) {
        options.onBadElement?.(index, (err as Error).message);
      }
    }
    index += 1;
    parts = [];
    partsChars = 0;
    tooLarge = false;
    tooDeep = false;
    elementStart = -1;
  };

  for await (const chunk of text) {
    const s = chunk as string;
    for (let i = 0; i < s.length; i += 1) {
      const c = s.charCodeAt(i);
      if (inString) {
        if (escape) escape = false;
        else if (c === 92 /* \ */) escape = true;
        else if (c === 34 /* " */) {
          inString = false;
          if (stack.length === 1 && stack[0] === '{' && stringStart >= 0 && memberKey === null) {
            pendingKey = keyCarry + s.slice(stringStart, i + 1);
          }
          keyCarry = '';
          stringStart = -1;
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (!seenNonSpace) {
        seenNonSpace = true;
        if (c !== 123 && c !== 91 && c !== 0xfeff)
          throw new FileProblem('The file is not JSON (it does not start with { or [).');
      }
      // Start of an element of the target array.
      if (target && stack.length === target.depth && elementStart < 0 && c !== 93 /* ] */ && c !== 44 /* , */)
        elementStart = i;
      if (
        target === null &&
        stack.length === 1 &&
        stack[0] === '{' &&
        memberKey !== null &&
        topLevelStart < 0 &&
        c !== 44 &&
        c !== 125
      ) {
        topLevelStart = i;
        topLevelKey = memberKey;
      }
      switch (c) {
        case 34: // "
          inString = true;
          if (stack.length === 1 && stack[0] === '{' && memberKey === null) stringStart = i;
          break;
        case 58: // :
          if (stack.length === 1 && pendingKey !== null) {
            try {
              memberKey = JSON.parse(pendingKey) as string;
            } catch {
              memberKey = '';
            }
            pendingKey = null;
          }
          break;
        case 123: // {
        case 91: // [
          stack.push(c === 123 ? '{' : '[');
          if (stack.length > maxDepth) {
            // Only parsed elements are ever walked; one nested this deep is reported and skipped.
            if (target && elementStart >= 0) {
              tooDeep = true;
              parts = [];
            } else {
              throw new FileProblem(`The JSON is nested deeper than ${maxDepth} levels.`);
            }
          }
          if (c === 91 && target === null) {
            if (stack.length === 1) target = { depth: 1, key: null };
            else if (stack.length === 2 && stack[0] === '{' && memberKey !== null && options.keys.includes(memberKey)) {
              target = { depth: 2, key: memberKey };
              topLevelStart = -1;
            }
          }
          break;
        case 125: // }
        case 93: // ]
          if (target && stack.length === target.depth) {
            flushElement(s, i);
            if (c === 93) {
              target = null;
              memberKey = null;
            }
          }
          stack.pop();
          break;
        case 44: // ,
          if (target && stack.length === target.depth) flushElement(s, i);
          else if (stack.length === 1 && stack[0] === '{') {
            if (topLevelStart >= 0 && topLevelKey !== null && options.onTopLevel) {
              topLevelParts.push(s.slice(topLevelStart, i));
              const body = topLevelParts.join('');
              if (body.length < 100_000) {
                try {
                  options.onTopLevel(topLevelKey, JSON.parse(body));
                } catch {
                  // A malformed member that is not streamed does not matter.
                }
              }
            }
            topLevelStart = -1;
            topLevelParts = [];
            memberKey = null;
          }
          break;
        default:
      }
    }
    // Carry the unfinished element (or top-level member) over to the next chunk.
    if (elementStart >= 0) {
      if (!tooLarge && !tooDeep) {
        parts.push(s.slice(elementStart));
        partsChars += s.length - elementStart;
        if (partsChars > maxChars) {
          tooLarge = true;
          parts = [];
        }
      }
      elementStart = 0;
    }
    if (topLevelStart >= 0) {
      if (topLevelParts.join('').length < 100_000) topLevelParts.push(s.slice(topLevelStart));
      topLevelStart = 0;
    }
    if (stringStart >= 0 && inString) {
      // A member name cut by the chunk boundary.
      keyCarry += s.slice(stringStart);
      stringStart = 0;
    }
    while (out.length > 0) yield out.shift()!;
  }
  while (out.length > 0) yield out.shift()!;
  if (!seenNonSpace) throw new FileProblem('The file is empty.');
  if (stack.length > 0 || inString) throw new FileProblem('The file ends in the middle of the JSON (truncated?).');
}
