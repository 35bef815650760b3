import { contentWords, quantities, type Span, splitSentences, words } from './text.ts';

/** A document a draft may draw on: a transcript, a dictation, the appointment record, a prior note. */
export interface GroundingSource {
  id: string;
  type: string;
  text: string;
}

export interface SourceSentence extends Span {
  sourceId: string;
  sourceType: string;
  /** Position in the flattened sentence list, so neighbours can be found. */
  index: number;
  isQuestion: boolean;
  /** The quantities the sentence states (see `quantities`), computed once. */
  quantities: readonly number[];
  content: ReadonlySet<string>;
  lower: string;
}

/** Sentences of every source, indexed once per check so each claim is matched in time linear in the source. */
export interface SourceIndex {
  sentences: SourceSentence[];
  /** Every word of every source, lower case. */
  vocabulary: ReadonlySet<string>;
  /** Every source's text, lower case, joined: for phrase look-ups. */
  lower: string;
  /** The original-case text, for names. */
  original: string;
  /** Every word of every source in its original case: a name in a claim must be one of these. */
  cased: ReadonlySet<string>;
  /** Content word → sentence indexes containing it. */
  postings: ReadonlyMap<string, number[]>;
  /** Each sentence's wording (see `verbatimKey`), with and without its speaker label → the first sentence with it. */
  verbatim: ReadonlyMap<string, number>;
}

/** Spoken fillers a drafter takes out when it copies a sentence; they do not change what the sentence says. */
const FILLER_TOKEN = /^(?:u+m+|u+h+|h+m+|m+)$/;
const LEADING_FILLER = new Set(['so', 'okay', 'ok', 'well', 'yeah', 'and', 'but', 'oh']);

/**
 * A sentence's words, lower case, without fillers ("um", "uh", a leading "so"/"okay"/"and", an inserted "you know"
 * or "I mean"): two sentences with the same key say the same thing in the same words.
 */
export function verbatimKey(text: string): string {
  const tokens = words(text).filter((w) => !FILLER_TOKEN.test(w));
  let start = 0;
  while (start < tokens.length && LEADING_FILLER.has(tokens[start] as string)) start++;
  return tokens
    .slice(start)
    .join(' ')
    .replace(/\b(?:you know|i mean)\b ?/g, '')
    .trim();
}

/** The source sentence a claim copies word for word (fillers aside), if there is one. */
export function verbatimSource(index: SourceIndex, claim: string): SourceSentence | undefined {
  const key = verbatimKey(claim);
  const at = key ? index.verbatim.get(key) : undefined;
  return at === undefined ? undefined : index.sentences[at];
}

const SPEAKER_PREFIX = /^(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?): /;

export function indexSources(sources: readonly GroundingSource[]): SourceIndex {
  const sentences: SourceSentence[] = [];
  const postings = new Map<string, number[]>();
  const verbatim = new Map<string, number>();
  for (const source of sources) {
    for (const span of splitSentences(source.text)) {
      // Transcript lines start with a speaker label; it is not part of what was said.
      const label = SPEAKER_PREFIX.exec(span.text)?.[0] ?? '';
      const text = span.text.slice(label.length);
      if (!text) continue;
      const index = sentences.length;
      const content = new Set(contentWords(text));
      sentences.push({
        text,
        start: span.start + label.length,
        end: span.end,
        sourceId: source.id,
        sourceType: source.type,
        index,
        isQuestion: text.endsWith('?'),
        quantities: quantities(text),
        content,
        lower: text.toLowerCase().replace(/[’‘]/g, "'"),
      });
      for (const key of [verbatimKey(text), verbatimKey(span.text)])
        if (key && !verbatim.has(key)) verbatim.set(key, index);
      for (const w of content) {
        const list = postings.get(w);
        if (list) list.push(index);
        else postings.set(w, [index]);
      }
    }
  }
  const original = sources.map((s) => s.text).join('\n');
  return {
    sentences,
    vocabulary: new Set(words(original)),
    lower: original.toLowerCase().replace(/[’‘]/g, "'"),
    original,
    cased: new Set(original.match(/[\p{L}'-]+/gu) ?? []),
    postings,
    verbatim,
  };
}

/**
 * The source sentences that best cover a claim's content words: greedy set cover, at most `max` sentences.
 * Returns them and the share of the claim's content words they cover.
 */
export function bestEvidence(
  index: SourceIndex,
  claimWords: readonly string[],
  max = 3,
): { sentences: SourceSentence[]; coverage: number } {
  const wanted = new Set(claimWords);
  if (wanted.size === 0) return { sentences: [], coverage: 1 };
  const counts = new Map<number, number>();
  for (const w of wanted) for (const i of index.postings.get(w) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
  const candidates = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 40)
    .map(([i]) => index.sentences[i] as SourceSentence);
  const chosen: SourceSentence[] = [];
  const uncovered = new Set(wanted);
  while (chosen.length < max && uncovered.size > 0) {
    let best: SourceSentence | undefined;
    let bestGain = 0;
    for (const s of candidates) {
      if (chosen.includes(s)) continue;
      let gain = 0;
      for (const w of uncovered) if (s.content.has(w)) gain++;
      // Prefer statements over questions: a question asserts nothing.
      const score = gain - (s.isQuestion ? 0.5 : 0);
      if (gain > 0 && score > bestGain) {
        best = s;
        bestGain = score;
      }
    }
    if (!best) break;
    chosen.push(best);
    for (const w of best.content) uncovered.delete(w);
  }
  return { sentences: chosen, coverage: 1 - uncovered.size / wanted.size };
}

/** The chosen sentences and their immediate neighbours: where a number or a day in a claim must be found. */
export function windowText(index: SourceIndex, chosen: readonly SourceSentence[]): string {
  const ids = new Set<number>();
  for (const s of chosen) for (const i of [s.index - 1, s.index, s.index + 1]) ids.add(i);
  return [...ids]
    .sort((a, b) => a - b)
    .map((i) => index.sentences[i]?.text ?? '')
    .join(' ');
}
