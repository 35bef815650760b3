/**
 * Sentence and word splitting for drafting and grounding. Both come from the ICU segmenter built into Node
 * (`Intl.Segmenter`), so there is no tokenizer dependency and offsets are exact UTF-16 positions in the input.
 */

export interface Span {
  text: string;
  /** Offsets into the text the span was cut from (plus the caller's base offset). */
  start: number;
  end: number;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Sentences of `text`, trimmed, with offsets shifted by `base`. Line breaks always end a sentence. */
export function splitSentences(text: string, base = 0): Span[] {
  const out: Span[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    for (const { segment, index } of sentenceSegmenter.segment(line)) {
      const lead = segment.length - segment.trimStart().length;
      const trimmed = segment.trim();
      if (trimmed.length === 0) continue;
      const start = base + lineStart + index + lead;
      out.push({ text: trimmed, start, end: start + trimmed.length });
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** Lower-cased word-like tokens (contractions kept whole: "haven't"). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const s of wordSegmenter.segment(text.replace(/[’‘]/g, "'"))) {
    if (s.isWordLike) out.push(s.segment.toLowerCase());
  }
  return out;
}

/** Word tokens with their offsets, original case kept. */
export function wordSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const s of wordSegmenter.segment(text)) {
    if (s.isWordLike) out.push({ text: s.segment, start: s.index, end: s.index + s.segment.length });
  }
  return out;
}

const STOPWORDS = new Set(
  `a an the and or but if so then than that this these those there here of to in on at by for with from into about
  as is are was were be been being am do does did doing have has had having i me my mine myself you your yours
  yourself he him his she her hers it its we us our they them their what which who whom when where why how all any
  both each few more most other some such only own same too very can will just should would could may might must
  um uh oh okay ok yeah yes well like really just also get got go going gone know think thing things something
  let let's i'm it's that's you're i've i'd i'll don't just lot kind sort pretty maybe
  client clinician parent partner sibling guardian reports reported report states stated says said notes noted
  session today`.split(/\s+/),
);

/** Crude suffix folding so "walks", "walked" and "walking" meet; enough for overlap, not linguistics. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of ['ing', 'edly', 'ed', 'ly', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Stemmed content words: what overlap between a claim and its source is measured on. */
export function contentWords(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w) && !NEGATION_WORDS.has(w))
    .map((w) => stem(SYNONYMS[w] ?? w));
}

/** Note-speak and its spoken equivalents, folded together so a paraphrase still meets its source. */
const SYNONYMS: Record<string, string> = {
  daily: 'day',
  nightly: 'night',
  weekly: 'week',
  mg: 'milligrams',
  meds: 'medication',
  medications: 'medication',
  continues: 'still',
  continued: 'still',
  continue: 'still',
  remains: 'still',
  reviewed: 'review',
  discussed: 'talk',
  practiced: 'practice',
};

export const NEGATION_WORDS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'never',
  'none',
  'nothing',
  'nobody',
  'neither',
  'nor',
  'without',
  'deny',
  'denies',
  'denied',
  'denying',
  'negative',
]);

/** How many negation cues a sentence carries ("not", "n't", "denies", "no", "without"…). */
export function negationCount(text: string): number {
  return words(text).filter((w) => NEGATION_WORDS.has(w) || w.endsWith("n't") || w === 'cannot').length;
}

/** Whether a sentence carries a negation cue. */
export function isNegated(text: string): boolean {
  return negationCount(text) > 0;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  once: 1,
  twice: 2,
  half: 0.5,
};

/** Instrument names whose digits are part of the name, not a quantity. */
const NAMED_WITH_DIGITS =
  /\b(?:PHQ-?9|PHQ-?2|GAD-?7|PCL-?5|AUDIT-?C|C-?SSRS|F\d{2}(?:\.\d+)?|[A-Z]\d{2}\.\d+|988|911)\b/gi;
const TIME = /\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)/gi;

/**
 * The quantities a text states, as numbers: digits ("100", "2.5") and number words ("five", "twenty-one").
 * Instrument names and codes (PHQ-9, F32.1) and clock times are not quantities and are left out.
 */
export function quantities(text: string): number[] {
  const cleaned = text.replace(NAMED_WITH_DIGITS, ' ').replace(TIME, ' ');
  const out: number[] = [];
  for (const m of cleaned.matchAll(/\d+(?:[.,]\d+)?/g)) out.push(Number(m[0].replace(',', '')));
  const tokens = words(cleaned);
  for (let i = 0; i < tokens.length; i++) {
    const parts = (tokens[i] ?? '').split('-');
    let value = 0;
    let isNumber = true;
    for (const p of parts) {
      const n = NUMBER_WORDS[p];
      if (n === undefined) isNumber = false;
      else value = p === 'hundred' ? Math.max(1, value) * 100 : value + n;
    }
    if (isNumber && parts.length > 0) out.push(value);
  }
  return out;
}

/** Clock times ("4:30", "4 pm") as minutes-of-day strings, so "4:30" and "4:30 am" meet. */
export function clockTimes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TIME)) {
    const [h, mm] = m[0].replace(/\s?(?:am|pm|a\.m\.|p\.m\.)/i, '').split(':');
    out.push(`${Number(h)}:${(mm ?? '00').padStart(2, '0')}`);
  }
  return out;
}
