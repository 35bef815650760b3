import { distance } from 'fastest-levenshtein';

/**
 * Text preparation for the triage rules: word tokens from the platform's ICU word segmenter (Intl.Segmenter, which
 * knows apostrophes, accents and Spanish punctuation), folded to lowercase ASCII-ish forms, with likely misspellings
 * of the risk vocabulary corrected, and joined into one space-separated string whose positions map back to exact
 * character offsets of the original message, so every reason can quote its span.
 */
export interface Token {
  /** Folded form: lowercase, diacritics and apostrophes removed, misspellings of the lexicon corrected. */
  norm: string;
  start: number;
  end: number;
  /** Index of the clause the token sits in: clauses break at sentence ends, commas, semicolons and "but". */
  clause: number;
  /** Index of the sentence as ICU splits it: the frames' proximity ("within a sentence or the next") counts these. */
  sentence: number;
  /**
   * Index of the sentence when a full stop before a lowercase word also ends one ("years ago. today i…"), which ICU
   * does not split. Time guards read this finer sentence, so one sentence's "years ago" does not cover the next.
   */
  part: number;
}

export interface Prepared {
  /** The original message; token offsets point into it. */
  text: string;
  tokens: Token[];
  /** " tok tok tok " — rules are regular expressions over this, with word boundaries as spaces. */
  joined: string;
  /** For each token, its start position in `joined`. */
  offsets: number[];
}

// Invisible characters (Unicode tags, zero-width and bidi controls) carry hidden instructions and can split a word
// ("k\u200Bill"); they are dropped before segmenting, and an index map keeps offsets true to the original.
const INVISIBLE = /[\u{E0000}-\u{E007F}\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\u00AD]/u;
const CLAUSE_BREAK_WORDS = new Set(['but', 'pero', 'although', 'though', 'aunque', 'however', 'sin', 'except']);

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

export function fold(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`´]/g, '');
}

/**
 * Corrects a token to a lexicon word when it is one or two edits away (two only for words of nine letters or more) and shares their first two letters, the way
 * "sucide" or "overdoes" are typed on a phone. Short words are never corrected: "kil" and "kill" are spelled out
 * in the rules instead, because a one-edit radius over four letters reaches too many ordinary words.
 */
function correct(word: string, lexicon: ReadonlySet<string>, lexiconList: readonly string[]): string {
  if (word.length < 5 || lexicon.has(word) || /\d/.test(word)) return word;
  const radius = word.length >= 9 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = radius + 1;
  for (const candidate of lexiconList) {
    // Typos rarely touch the first two letters; requiring them keeps "billing" from becoming "killing".
    if (Math.abs(candidate.length - word.length) > radius || !candidate.startsWith(word.slice(0, 2))) continue;
    const d = distance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ?? word;
}

function stripInvisible(raw: string): { visible: string; origin: number[] } {
  let visible = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of raw) {
    if (!INVISIBLE.test(ch)) {
      visible += ch;
      for (let k = 0; k < ch.length; k++) origin.push(i + k);
    }
    i += ch.length;
  }
  origin.push(raw.length);
  return { visible, origin };
}

// Words a full stop follows without ending a sentence ("Dr. hale", "vs. last week"), and list numbers ("1. refill").
const NOT_A_SENTENCE_END =
  /(?:^|[^\p{L}])(?:dr|dra|mr|mrs|ms|mx|st|sr|sra|srta|lic|ud|uds|vs|etc|approx|appt|jr|no|ft|lb|lbs|mg|ml|e\.g|i\.e|a\.m|p\.m|\p{L}|\d+)$/iu;
const LOWERCASE_AFTER_STOP = /[.!?]+["')\]]*\s+(?=\p{Ll})/gu;

/**
 * ICU's sentence starts, plus a sentence after a full stop that begins in lowercase ("icu. today i feel…"), which
 * ICU joins to the one before: portal messages are often typed without capitals.
 */
function partStartsOf(text: string, sentenceStarts: readonly number[]): number[] {
  const starts = new Set(sentenceStarts);
  for (const m of text.matchAll(LOWERCASE_AFTER_STOP)) {
    if (NOT_A_SENTENCE_END.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    starts.add(m.index + m[0].length);
  }
  return [...starts].sort((a, b) => a - b);
}

/** The index of the span (from `starts`, ascending) that position `at` falls in, searching on from `from`. */
function indexAt(starts: readonly number[], from: number, at: number): number {
  let i = from;
  while (i + 1 < starts.length && (starts[i + 1] ?? Infinity) <= at) i++;
  return i;
}

export function prepare(raw: string, lexicon: ReadonlySet<string>): Prepared {
  const { visible: text, origin } = stripInvisible(raw);
  const lexiconList = [...lexicon];
  const sentenceStarts = [...sentenceSegmenter.segment(text)].map((s) => s.index);
  const partStarts = partStartsOf(text, sentenceStarts);
  const tokens: Token[] = [];
  let clause = 0;
  let sentence = 0;
  let part = 0;
  let lastEnd = 0;
  for (const seg of wordSegmenter.segment(text)) {
    if (!seg.isWordLike) continue;
    const between = text.slice(lastEnd, seg.index);
    const nextSentence = indexAt(sentenceStarts, sentence, seg.index);
    const nextPart = indexAt(partStarts, part, seg.index);
    const norm = correct(fold(seg.segment), lexicon, lexiconList);
    if (nextSentence !== sentence || /[,;:!?.()\n–—]/.test(between) || CLAUSE_BREAK_WORDS.has(norm)) clause++;
    sentence = nextSentence;
    part = nextPart;
    const start = origin[seg.index] ?? 0;
    const end = (origin[seg.index + seg.segment.length - 1] ?? 0) + 1;
    tokens.push({ norm, start, end, clause, sentence, part });
    lastEnd = seg.index + seg.segment.length;
  }
  const offsets: number[] = [];
  let joined = ' ';
  for (const t of tokens) {
    offsets.push(joined.length);
    joined += `${t.norm} `;
  }
  return { text: raw, tokens, joined, offsets };
}

/** Tokens grouped by sentence, in message order. */
export function bySentence(tokens: readonly Token[]): Token[][] {
  const groups = new Map<number, Token[]>();
  for (const t of tokens) {
    const group = groups.get(t.sentence);
    if (group) group.push(t);
    else groups.set(t.sentence, [t]);
  }
  return [...groups.values()];
}

/** One sentence's folded words as " tok tok ", the form the rules match ("" words give "  "). */
export function sentenceText(p: Prepared, sentence: number | undefined): string {
  return joinedWhere(p, (t) => t.sentence === sentence);
}

/** One finer sentence's folded words (Token.part), in the same form. */
export function partText(p: Prepared, part: number | undefined): string {
  return joinedWhere(p, (t) => t.part === part);
}

const joinedWhere = (p: Prepared, pick: (t: Token) => boolean): string =>
  ` ${p.tokens
    .filter(pick)
    .map((t) => t.norm)
    .join(' ')} `;

/** The tokens a match over `joined` covers, as [first, last] indexes. */
export function tokenRange(p: Prepared, from: number, to: number): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < p.tokens.length; i++) {
    const at = p.offsets[i] ?? 0;
    const end = at + (p.tokens[i]?.norm.length ?? 0);
    if (end > from && at < to) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return first < 0 ? null : [first, last];
}

export interface Hit {
  first: number;
  last: number;
  start: number;
  end: number;
  quote: string;
}

/**
 * Every match of a rule pattern, as token ranges and exact quotes of the original text. `overlapping` also finds
 * matches that start inside an earlier one, for idiom lists where two idioms share a word ("script … died a quiet
 * death").
 */
export function findAll(p: Prepared, pattern: RegExp, overlapping = false): Hit[] {
  const hits: Hit[] = [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const matches: RegExpExecArray[] = [];
  for (let m = global.exec(p.joined); m !== null; m = global.exec(p.joined)) {
    matches.push(m);
    global.lastIndex = overlapping || m[0].length === 0 ? m.index + 1 : m.index + m[0].length;
  }
  for (const m of matches) {
    const range = tokenRange(p, m.index, m.index + m[0].length);
    if (!range) continue;
    const [first, last] = range;
    const start = p.tokens[first]?.start ?? 0;
    const end = p.tokens[last]?.end ?? 0;
    hits.push({ first, last, start, end, quote: p.text.slice(start, end) });
  }
  return hits;
}
