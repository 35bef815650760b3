import type { CodeSetChoice } from './code-set.ts';
import { type AppointmentFacts, type CptResult, suggestCpt } from './cpt.ts';
import type { CodingDocument } from './evidence.ts';
import { type IcdResult, suggestDiagnoses } from './icd.ts';

export interface CodeSuggestions {
  cpt: CptResult['suggestions'];
  icd: IcdResult['suggestions'];
  problems: IcdResult['problems'];
  notes: string[];
  codeSet: { required: string; used: string | null; missing: string | null };
}

/** One engine for a stored note with its appointment and for note text supplied directly. */
export function suggestCodes(
  doc: CodingDocument,
  appt: AppointmentFacts | null,
  choice: CodeSetChoice,
): CodeSuggestions {
  const cpt = suggestCpt(doc, appt);
  const icd = choice.set ? suggestDiagnoses(doc, choice.set) : { suggestions: [], problems: [] };
  return {
    cpt: cpt.suggestions,
    icd: icd.suggestions,
    problems: icd.problems,
    notes: [...cpt.notes, ...(choice.missing ? [choice.missing] : [])],
    codeSet: { required: choice.required, used: choice.set?.version ?? null, missing: choice.missing },
  };
}
