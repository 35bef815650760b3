import { randomBytes } from 'node:crypto';

/**
 * Invisible or direction-changing code points that can hide instructions from a human reviewer while a model still
 * reads them: Unicode tag characters (U+E0000–U+E007F), zero-width and joiner characters, word joiner and invisible
 * operators, bidirectional embeddings, overrides and isolates, the BOM, and soft hyphen. Kept: ordinary whitespace.
 */
const INVISIBLE =
  /[\u{E0000}-\u{E007F}\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\u{1D173}-\u{1D17A}]/gu;

/** Removes invisible and bidi-control characters; reports how many were removed. */
export function stripInvisible(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(INVISIBLE, () => {
    removed++;
    return '';
  });
  return { text: cleaned, removed };
}

/**
 * Untrusted text as charta shows it: invisible characters removed and any attempt to write a fence tag
 * neutralized, whatever id it guesses. Idempotent, so offsets into this text are stable across calls.
 */
export function sanitizeUntrusted(text: string): string {
  return stripInvisible(text).text.replace(/<\/?untrusted-data[^>]*>/gi, '[fence tag removed]');
}

/** A fence for one call: a random id the text inside cannot guess, so it cannot close the fence early. */
export interface Fence {
  readonly id: string;
  wrap(label: string, text: string): string;
}

export function newFence(): Fence {
  const id = randomBytes(8).toString('hex');
  return {
    id,
    wrap(label, text) {
      const safeLabel = label.replace(/[^a-z0-9_.:-]/gi, '_');
      return `<untrusted-data-${id} source="${safeLabel}">\n${sanitizeUntrusted(text)}\n</untrusted-data-${id}>`;
    },
  };
}

/** One window of a long untrusted text, counted in characters of the sanitized text. */
export interface Excerpt {
  /** The window's text, sanitized and not yet fenced. */
  text: string;
  offset: number;
  /** Where the window ends; the next window's offset. */
  end: number;
  /** Length of the whole sanitized text. */
  length: number;
  truncated: boolean;
}

/**
 * Cuts a window `[offset, offset + maxChars)` out of untrusted text after sanitizing it, never splitting a
 * surrogate pair. An offset past the end yields an empty window.
 */
export function excerpt(text: string, offset: number, maxChars: number): Excerpt {
  const clean = sanitizeUntrusted(text);
  const start = Math.min(Math.max(0, offset), clean.length);
  let end = Math.min(clean.length, start + Math.max(1, maxChars));
  const last = clean.charCodeAt(end - 1);
  if (end < clean.length && end - 1 > start && last >= 0xd800 && last <= 0xdbff) end--;
  return { text: clean.slice(start, end), offset: start, end, length: clean.length, truncated: end < clean.length };
}
