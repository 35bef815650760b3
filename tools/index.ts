import { appointmentOutreach } from './appointment-outreach.ts';
import { assessmentTrendTool } from './assessment-trend.ts';
import { chartAuditTool } from './chart-audit.ts';
import { checkGroundingTool } from './check-grounding.ts';
import { classifyMessageTool } from './classify-message.ts';
import { createDraftNote } from './create-draft-note.ts';
import type { AnyTool } from './define.ts';
import { draftIntakeUpdateTool } from './draft-intake-update.ts';
import { draftNoteTool } from './draft-note.ts';
import { draftReply } from './draft-reply.ts';
import { draftTreatmentPlanTool } from './draft-treatment-plan.ts';
import { flagRisk } from './flag-risk.ts';
import { getClient } from './get-client.ts';
import { getMessage } from './get-message.ts';
import { getNote } from './get-note.ts';
import { getTreatmentPlan } from './get-treatment-plan.ts';
import { listAppointments } from './list-appointments.ts';
import { listAssessments } from './list-assessments.ts';
import { listClaims } from './list-claims.ts';
import { listMessages } from './list-messages.ts';
import { listNotes } from './list-notes.ts';
import { listRiskFlags } from './list-risk-flags.ts';
import { listUsers } from './list-users.ts';
import { preparePriorAuth } from './prepare-prior-auth.ts';
import { queryAudit } from './query-audit.ts';
import { scoreAssessmentTool } from './score-assessment.ts';
import { scrubClaim } from './scrub-claim.ts';
import { searchClients } from './search-clients.ts';
import { suggestCodes } from './suggest-codes.ts';
import { summarizeChartTool } from './summarize-chart.ts';
import { supervisionSummaryTool } from './supervision-summary.ts';
import { triageInbox } from './triage-inbox.ts';

/** The registry: every tool charta offers, to every surface. No tool name is written anywhere else. */
export const allTools: readonly AnyTool[] = [
  getClient,
  searchClients,
  listAppointments,
  listNotes,
  getNote,
  listAssessments,
  getTreatmentPlan,
  listMessages,
  getMessage,
  listClaims,
  suggestCodes,
  scrubClaim,
  preparePriorAuth,
  createDraftNote,
  draftNoteTool,
  checkGroundingTool,
  summarizeChartTool,
  draftTreatmentPlanTool,
  draftIntakeUpdateTool,
  supervisionSummaryTool,
  chartAuditTool,
  draftReply,
  listUsers,
  queryAudit,
  classifyMessageTool,
  triageInbox,
  scoreAssessmentTool,
  assessmentTrendTool,
  flagRisk,
  listRiskFlags,
  appointmentOutreach,
];
