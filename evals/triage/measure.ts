import type { Triage } from '../../clinical/triage/classify.ts';
import type { LabelledTriageMessage } from './sets.ts';

/** Issue 7's figures, computed one way for the eval test and the eval suite. */
export interface TriageOutcome {
  mustEscalate: boolean;
  routine: boolean;
  escalated: boolean;
  categoryOk: boolean;
  urgencyOk: boolean;
}

export const sameCategories = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export function outcomeOf(c: LabelledTriageMessage, got: Triage): TriageOutcome {
  return {
    mustEscalate: c.mustEscalate,
    routine: c.urgency === 'routine',
    escalated: got.escalate,
    categoryOk: sameCategories(got.categories, c.categories),
    urgencyOk: got.urgency === c.urgency,
  };
}

const share = (rows: readonly TriageOutcome[], pick: (r: TriageOutcome) => boolean) =>
  rows.length === 0 ? 0 : rows.filter(pick).length / rows.length;

/**
 * Must-escalate recall (escalated ÷ must escalate), false escalation (escalated ÷ gold routine), category accuracy
 * (the exact set) and urgency accuracy.
 */
export function triageRates(rows: readonly TriageOutcome[]) {
  return {
    recall: share(
      rows.filter((r) => r.mustEscalate),
      (r) => r.escalated,
    ),
    falseEscalation: share(
      rows.filter((r) => r.routine),
      (r) => r.escalated,
    ),
    categoryAccuracy: share(rows, (r) => r.categoryOk),
    urgencyAccuracy: share(rows, (r) => r.urgencyOk),
  };
}
