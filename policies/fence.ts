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
      const { text: clean } = stripInvisible(text);
      // Any attempt to write a fence tag inside the data is neutralized, whatever id it guesses.
      const neutral = clean.replace(/<\/?untrusted-data[^>]*>/gi, '[fence tag removed]');
      const safeLabel = label.replace(/[^a-z0-9_.:-]/gi, '_');
      return `<untrusted-data-${id} source="${safeLabel}">\n${neutral}\n</untrusted-data-${id}>`;
    },
  };
}
