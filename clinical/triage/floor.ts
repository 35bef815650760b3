import { CATEGORIES as CATEGORY_ORDER, type Category, type Triage, type TriageReason } from './classify.ts';
import { URGENCY_RANK, type Urgency } from './risk.ts';

/** What a configured model may propose about a message. Every field is optional; none can take anything away. */
export interface ModelOpinion {
  urgency?: Urgency;
  categories?: readonly Category[];
  reasons?: readonly TriageReason[];
}

/** Categories that send a message to the clinician (tools/triage-view.ts routeOf): the floor keeps them. */
const CLINICIAN_CATEGORIES: ReadonlySet<Category> = new Set(['urgent_risk', 'clinical_question']);

/**
 * The safety floor: merges a model's (or a person's) opinion into the deterministic triage. Urgency is the higher of
 * the two, escalation stays on once the rules turned it on, and reasons are a union. A model that says "routine"
 * about a message the rules escalated changes nothing.
 *
 * Categories: the ones that route a message to the clinician (urgent_risk, clinical_question) are a union, so a
 * model can send a message to the clinician but never take one away. The office categories (refill, scheduling,
 * billing, records, administrative) are the model's when it names any categories: they only decide which desk
 * task a message is, and the rules' bag of phrases is the weaker reader there ("see you at my appointment" is not
 * a scheduling request). Pure.
 */
export function mergeWithFloor(floor: Triage, model: ModelOpinion | null | undefined): Triage {
  if (!model) return floor;
  const urgency =
    model.urgency && URGENCY_RANK[model.urgency] > URGENCY_RANK[floor.urgency] ? model.urgency : floor.urgency;
  const decides = model.categories !== undefined && model.categories.length > 0;
  const kept = decides ? floor.categories.filter((c) => CLINICIAN_CATEGORIES.has(c)) : floor.categories;
  const categories = new Set<Category>([...kept, ...(model.categories ?? [])]);
  if (categories.size === 0) categories.add('other');
  if (categories.size > 1) categories.delete('other');
  const seen = new Set(floor.reasons.map((r) => `${r.code}:${r.start}:${r.end}`));
  const added = (model.reasons ?? []).filter((r) => !seen.has(`${r.code}:${r.start}:${r.end}`));
  return {
    ...floor,
    categories: CATEGORY_ORDER.filter((c) => categories.has(c)),
    urgency,
    escalate: floor.escalate || urgency !== 'routine',
    reasons: [...floor.reasons, ...added.map((r) => ({ ...r, code: `model:${r.code.replace(/^model:/, '')}` }))],
    source: 'rules+model',
  };
}
