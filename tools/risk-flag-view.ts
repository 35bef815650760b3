import * as z from 'zod';
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
