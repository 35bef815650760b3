import { dotted, type IcdCodeSet } from './code-set.ts';
import { DIAGNOSIS_CONCEPTS, NEGATION_AFTER, NEGATION_BEFORE, type Qualifiers } from './diagnosis-lexicon.ts';
import { type Clause, type CodingDocument, clausesOf, type Evidence, spanIn } from './evidence.ts';

export interface IcdSuggestion {
  code: string;
  description: string;
  /** 'ICD-10-CM FY2026': the table that said the code is valid and billable. */
  codeSet: string;
  evidence: Evidence[];
  confidence: number;
  /** How the documentation could support a more specific code, or why a written code was replaced. */
  hint?: string;
}

/** A code the note names that cannot be suggested, and why. */
export interface IcdProblem {
  code: string;
  reason: string;
  evidence: Evidence[];
}

export interface IcdResult {
  suggestions: IcdSuggestion[];
  problems: IcdProblem[];
}

/** A code written in the note: letter, digit, digit/letter, then a dot and up to four characters. */
const WRITTEN_CODE = /\b([A-TV-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)\b/g;

function negated(clause: string, start: number, end: number): boolean {
  return (
    NEGATION_BEFORE.test(clause.slice(0, start).toLowerCase()) || NEGATION_AFTER.test(clause.slice(end).toLowerCase())
  );
}

interface Found {
  code: string;
  evidence: Evidence[];
  hint?: string;
  confidence: number;
}

/**
 * ICD-10-CM suggestions for the diagnoses a note documents: phrases from the lexicon with their qualifiers, and
 * codes written in the note. Only codes the set lists as billable are suggested; a written code that is a header,
 * unknown, or less specific than the documentation allows comes back as a problem or a hint. A diagnosis that is
 * negated, ruled out, historical or a relative's is never suggested.
 */
export function suggestDiagnoses(doc: CodingDocument, codeSet: IcdCodeSet): IcdResult {
  const clauses = clausesOf(doc);
  const fromPhrases: Found[] = [];
  const written: Array<{ code: string; evidence: Evidence; clause: Clause }> = [];
  for (const clause of clauses) {
    const lower = clause.text.toLowerCase();
    for (const concept of DIAGNOSIS_CONCEPTS) {
      const m = concept.mention.exec(lower);
      if (!m) continue;
      const end = m.index + m[0].length;
      if (negated(clause.text, m.index, end)) continue;
      const after = lower.slice(end);
      const q: Qualifiers = { after, has: (re) => re.test(after) };
      const { code, hint } = concept.resolve(q);
      const stop = after.search(/\(|\b[a-tv-z]\d\d\b/);
      const spanEnd = trimEnd(clause.text, stop >= 0 ? end + stop : clause.text.length);
      fromPhrases.push({
        code,
        evidence: [spanIn(clause, m.index, Math.max(end, spanEnd))],
        ...(hint ? { hint } : {}),
        confidence: hint ? 0.7 : 0.85,
      });
    }
    for (const m of clause.text.matchAll(WRITTEN_CODE)) {
      const code = m[1] ?? '';
      if (!/^[FRZT]/.test(code)) continue;
      if (negated(clause.text, m.index, m.index + code.length)) continue;
      written.push({ code: dotted(code), evidence: spanIn(clause, m.index, m.index + code.length), clause });
    }
  }

  const suggestions = new Map<string, IcdSuggestion>();
  const problems: IcdProblem[] = [];
  const add = (found: Found) => {
    const entry = codeSet.entries.get(found.code);
    if (!entry?.billable) return false;
    const existing = suggestions.get(found.code);
    if (existing) {
      existing.evidence.push(...found.evidence);
      existing.confidence = Math.max(existing.confidence, found.confidence);
      return true;
    }
    suggestions.set(found.code, {
      code: entry.code,
      description: entry.description,
      codeSet: `ICD-10-CM ${codeSet.version}`,
      evidence: [...found.evidence],
      confidence: found.confidence,
      ...(found.hint ? { hint: found.hint } : {}),
    });
    return true;
  };

  for (const phrase of fromPhrases) add(phrase);
  for (const w of written) {
    const entry = codeSet.entries.get(w.code);
    const category = w.code.slice(0, 3);
    // A phrase in the note resolved to a more specific code of the same category: that wins, with a hint.
    const specific = [...suggestions.values()].find((s) => s.code !== w.code && s.code.slice(0, 3) === category);
    if (!entry) {
      problems.push({
        code: w.code,
        reason: `${w.code} is not a valid ICD-10-CM code in ${codeSet.version}.`,
        evidence: [w.evidence],
      });
      continue;
    }
    if (!entry.billable) {
      const reason = `${w.code} is a category header, not billable in ${codeSet.version}${specific ? `; the note supports ${specific.code}` : '; document the specific diagnosis'}.`;
      if (specific) specific.hint = reason;
      else problems.push({ code: w.code, reason, evidence: [w.evidence] });
      continue;
    }
    const unspecified = /unspecified/i.test(entry.description);
    if (specific && unspecified && !/unspecified/i.test(specific.description)) {
      specific.hint = `${w.code} is unspecified; the note documents ${specific.description.toLowerCase()} → ${specific.code}.`;
      specific.evidence.push(w.evidence);
      continue;
    }
    add({ code: w.code, evidence: [w.evidence], confidence: suggestions.has(w.code) ? 0.95 : 0.8 });
    const s = suggestions.get(w.code);
    if (s && s.evidence.length > 1) s.confidence = 0.95;
  }
  return { suggestions: [...suggestions.values()], problems };
}

/** Ends a qualifier span before trailing punctuation and spaces. */
function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /[\s,(:-]/.test(text[e - 1] ?? '')) e--;
  return e;
}

/**
 * Checks codes a language model proposed: each must be a billable code of the set, and every quote it cites must
 * occur in the note. What fails is dropped with the reason, never passed on.
 */
export function checkProposedDiagnoses(
  proposals: ReadonlyArray<{ code: string; quotes: readonly string[] }>,
  doc: CodingDocument,
  codeSet: IcdCodeSet,
): IcdResult {
  const suggestions: IcdSuggestion[] = [];
  const problems: IcdProblem[] = [];
  for (const p of proposals) {
    const code = dotted(p.code);
    const entry = codeSet.entries.get(code);
    if (!entry?.billable) {
      problems.push({ code, reason: `${code} is not a billable ICD-10-CM code in ${codeSet.version}.`, evidence: [] });
      continue;
    }
    const evidence: Evidence[] = [];
    for (const quote of p.quotes) {
      for (const [section, text] of Object.entries(doc.sections)) {
        const at = quote.trim() ? text.indexOf(quote) : -1;
        if (at >= 0) {
          evidence.push({ kind: 'note', section, start: at, end: at + quote.length, quote });
          break;
        }
      }
    }
    if (evidence.length === 0 || evidence.length < p.quotes.length) {
      problems.push({ code, reason: 'the proposal cites text the note does not contain.', evidence });
      continue;
    }
    suggestions.push({
      code,
      description: entry.description,
      codeSet: `ICD-10-CM ${codeSet.version}`,
      evidence,
      confidence: 0.6,
    });
  }
  return { suggestions, problems };
}
