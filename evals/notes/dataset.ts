import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeRegExp } from '../../clinical/regexp.ts';

/** One synthetic session: what a correct note may state, and plausible things it must not. */
export interface NoteEvalItem {
  id: string;
  title: string;
  serviceType: string;
  kind: 'transcript' | 'dictation';
  transcript: string;
  /** A fact is stated when every term of `match` starts a word in one line of the draft. */
  facts: Array<{ text: string; match: string[] }>;
  forbidden: Array<{ text: string; match: string[] }>;
}

export const ITEMS: NoteEvalItem[] = readFileSync(join(import.meta.dirname, 'transcripts.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as NoteEvalItem);

/** Assumed-normal exam text commercial scribes are criticized for: forbidden in every draft of this set. */
export const ALWAYS_FORBIDDEN: NoteEvalItem['forbidden'] = [
  { text: 'alert and oriented', match: ['alert and oriented'] },
  { text: 'euthymic mood', match: ['euthymic'] },
  { text: 'good eye contact', match: ['good eye contact'] },
  { text: 'linear, goal-directed thought', match: ['goal-directed'] },
  { text: 'within normal limits', match: ['within normal limits'] },
  { text: 'insight and judgment intact', match: ['insight and judgment'] },
];

/**
 * Whether some line of `text` (or `window` consecutive lines: a question and its answer) contains every term, each
 * at the start of a word (case-insensitive).
 */
export function statedIn(text: string, match: readonly string[], window = 1): boolean {
  const patterns = match.map((m) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(m)}`, 'iu'));
  const lines = text.split('\n');
  return lines.some((_, i) => {
    const joined = lines.slice(i, i + window).join(' ');
    return patterns.every((p) => p.test(joined));
  });
}
