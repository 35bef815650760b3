import * as z from 'zod';
import type { GroundingReport } from '../clinical/grounding/check.ts';
import type { Fence } from '../policies/fence.ts';

/** Most flagged claims a tool result lists; the stored report keeps them all. */
const MAX_FLAGS = 50;

/** What draft_note and check_grounding return about a draft's grounding: counts and the flagged claims. */
export const GroundingSummary = z.object({
  supported: z.number().int(),
  unsupported: z.number().int(),
  contradicted: z.number().int(),
  flags: z
    .array(
      z.object({
        section: z.string(),
        start: z.number().int(),
        end: z.number().int(),
        label: z.enum(['unsupported', 'contradicted']),
        claim: z.string().describe('the claim, fenced'),
        reasons: z.array(z.object({ kind: z.string(), detail: z.string() })),
      }),
    )
    .describe(`unsupported and contradicted claims, at most ${MAX_FLAGS}`),
  checker: z.string(),
});

export function groundingSummary(report: GroundingReport, fence: Fence): z.input<typeof GroundingSummary> {
  return {
    ...report.counts,
    flags: report.claims
      .filter((c) => c.label !== 'supported')
      .slice(0, MAX_FLAGS)
      .map((c) => ({
        section: c.section,
        start: c.start,
        end: c.end,
        label: c.label as 'unsupported' | 'contradicted',
        claim: fence.wrap(`claim:${c.section}`, c.text),
        reasons: c.findings.map(({ kind, detail }) => ({ kind, detail })),
      })),
    checker: report.checker,
  };
}

/**
 * The flags a reviewer must acknowledge before signing, stored with the draft's provenance: each names the section
 * and character range of the claim, so a review screen can highlight it and record the acknowledgement.
 */
export function reviewFlags(report: GroundingReport) {
  return {
    flagged: report.flagged,
    acknowledged: false,
    flags: report.claims
      .filter((c) => c.label !== 'supported')
      .map((c) => ({
        section: c.section,
        start: c.start,
        end: c.end,
        label: c.label,
        kinds: c.findings.map((f) => f.kind),
      })),
  };
}
