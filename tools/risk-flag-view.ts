import * as z from 'zod';
import type { RiskFlag } from '../ehr/flags.ts';
import { RecordId } from './schemas.ts';

/** A stored risk flag as the tools show it: what flag_risk returns and list_risk_flags lists. Never message text. */
export const RiskFlagView = z.object({
  id: RecordId,
  kind: z.enum(['phq9_item9', 'phq9_item9_unknown', 'worsening_trend', 'message_risk']),
  sourceId: RecordId,
  urgency: z.enum(['emergency', 'urgent', 'routine']),
  evidence: z.array(
    z.object({
      sourceType: z.enum(['assessment', 'message']),
      sourceId: RecordId,
      detail: z.string(),
      start: z.number().int().optional(),
      end: z.number().int().optional(),
    }),
  ),
  recommendedAction: z.string(),
  status: z.enum(['pending_review', 'reviewed']),
});

/** A stored flag in that shape; evidence keeps only its declared fields. */
export function toRiskFlagView(f: RiskFlag): z.infer<typeof RiskFlagView> {
  return {
    id: f.id,
    kind: f.kind,
    sourceId: f.sourceId,
    urgency: f.urgency,
    evidence: f.evidence.map(({ sourceType, sourceId, detail, start, end }) => ({
      sourceType,
      sourceId,
      detail,
      ...(start === undefined ? {} : { start }),
      ...(end === undefined ? {} : { end }),
    })),
    recommendedAction: f.recommendedAction,
    status: f.status,
  };
}
