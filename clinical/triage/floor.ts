import type { Category, Triage, TriageReason } from './classify.ts';
import { URGENCY_RANK, type Urgency } from './risk.ts';

/** What a configured model may propose about a message. Every field is optional; none can take anything away. */
export interface ModelOpinion {
  urgency?: Urgency;
  categories?: readonly Category[];
  reasons?: readonly TriageReason[];
}

/**
 * The safety floor: merges a model's opinion into the deterministic triage. Urgency is the higher of the two,
 * categories and reasons are unions, and escalation stays on once the rules turned it on. A model that says
 * "routine" about a message the rules escalated changes nothing. Pure.
 */
export function mergeWithFloor(floor: Triage, model: ModelOpinion | null | undefined): Triage {
  if (!model) return floor;
  const urgency =
    model.urgency && URGENCY_RANK[model.urgency] > URGENCY_RANK[floor.urgency] ? model.urgency : floor.urgency;
  const categories = new Set<Category>(floor.categories);
  for (const c of model.categories ?? []) categories.add(c);
  if (categories.size > 1) categories.delete('other');
  const seen = new Set(floor.reasons.map((r) => `${r.code}:${r.start}:${r.end}`));
  const added = (model.reasons ?? []).filter((r) => !seen.has(`${r.code}:${r.start}:${r.end}`));
  return {
    ...floor,
    categories: [...categories],
    urgency,
    escalate: floor.escalate || urgency !== 'routine',
    reasons: [...floor.reasons, ...added.map((r) => ({ ...r, code: `model:${r.code.replace(/^model:/, '')}` }))],
    source: 'rules+model',
  };
}
