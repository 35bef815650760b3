import { MONTHS } from '../../clinical/grounding/lexicon.ts';
import type { Fact } from './facts.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Dates written as 2002-04-12, 4/12/2002, April 12, 2002 or 12 April 2002 (months may be abbreviated), as ISO
 * dates, and the text with them blanked out.
 */
export function datesIn(text: string): { dates: string[]; rest: string } {
  const dates: string[] = [];
  const month = (m: string) => MONTHS.findIndex((name) => name.startsWith(m.toLowerCase().slice(0, 3))) + 1;
  let rest = text.replace(/\b(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?\b/g, (_, y, m, d) => {
    dates.push(`${y}-${m}-${d}`);
    return ' ';
  });
  rest = rest.replace(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, (_, m, d, y) => {
    dates.push(`${y}-${pad(Number(m))}-${pad(Number(d))}`);
    return ' ';
  });
  rest = rest.replace(/\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/g, (all, m: string, d, y) => {
    const n = month(m);
    if (n === 0) return all;
    dates.push(`${y}-${pad(n)}-${pad(Number(d))}`);
    return ' ';
  });
  rest = rest.replace(/\b(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})\b/g, (all, d, m: string, y) => {
    const n = month(m);
    if (n === 0) return all;
    dates.push(`${y}-${pad(n)}-${pad(Number(d))}`);
    return ' ';
  });
  return { dates, rest };
}

const RECORD_ID = /\b[a-z]{2,5}_[a-z0-9]{8,}\b/g;
/** Names that carry digits but state no value. */
const NAMED = /\b(PHQ-?9|GAD-?7|ICD-?10(?:-CM)?|PHQ-9\/GAD-7|Y-BOCS|PG-13-R|PCL-5|DSM-5(?:-TR)?|COVID-19)\b/gi;
const ICD = /\b[A-TV-Z]\d{2}(?:\.\d{1,4})?\b/g;

/** The values a text states: record ids, ICD-10 codes, dates and numbers. */
export function valuesIn(text: string): { ids: string[]; codes: string[]; dates: string[]; numbers: string[] } {
  const ids = text.match(RECORD_ID) ?? [];
  const noIds = text.replace(RECORD_ID, ' ').replace(NAMED, ' ');
  const codes = noIds.match(ICD) ?? [];
  const { dates, rest } = datesIn(noIds.replace(ICD, ' '));
  const numbers = (rest.match(/\b\d+(?:\.\d+)?\b/g) ?? []).map((n) => String(Number(n)));
  return { ids, codes, dates, numbers };
}

/**
 * The values an answer states that are in no tool result and not in the question: invented (or, for a model
 * that answered without calling a tool, unsupported by anything it read).
 */
export function unsupportedValues(answer: string, sources: string[]): string[] {
  const known = sources.map(valuesIn);
  const has = (kind: keyof ReturnType<typeof valuesIn>, v: string) => known.some((k) => k[kind].includes(v));
  const a = valuesIn(answer);
  return [
    ...a.ids.filter((v) => !has('ids', v)),
    ...a.codes.filter((v) => !has('codes', v)),
    ...a.dates.filter((v) => !has('dates', v)),
    ...a.numbers.filter((v) => !has('numbers', v)),
  ];
}

/** The answer says the chart does not hold what was asked. */
const ABSTAIN =
  /\b(no record|not (?:recorded|documented|found|on file|in (?:the|this|their|his|her) (?:chart|record))|no [\w-]+(?: [\w-]+){0,3} (?:is |was |are )?(?:recorded|documented|on file|on record|in the chart)|(?:has|have|had|contains?|holds?|shows?) no\b|does(?: not|n't) (?:contain|include|hold|have|list|record|show|mention)|(?:could|can)(?: not|n't) find|did(?: not|n't) find|found no|there (?:is|are|was|were) no|nothing (?:about|on|recorded|in the chart))/i;
export const abstains = (answer: string) => ABSTAIN.test(answer);

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
const words = (s: string) => norm(s).match(/[\p{L}\p{N}]{4,}/gu) ?? [];

/** Whether an answer states one expected fact, in any of the forms a reader would accept. */
export function statesFact(answer: string, fact: Fact): boolean {
  const a = valuesIn(answer);
  switch (fact.kind) {
    case 'date':
      return a.dates.includes(fact.value);
    case 'number':
      return a.numbers.includes(String(Number(fact.value)));
    case 'text':
      return norm(answer).includes(norm(fact.value));
    case 'phrase': {
      // A goal may be paraphrased: most of its content words in the answer is enough.
      const want = words(fact.value);
      const got = new Set(words(answer));
      return want.length > 0 && want.filter((w) => got.has(w)).length / want.length >= 0.6;
    }
  }
}
