import { generateText, stepCountIs } from 'ai';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../policies/principal.ts';
import { CALLERS, ownClient, rows, usePipeline } from '../../test/pipeline-fixtures.ts';
import { chatTools } from '../tools.ts';
import { sourcesOf } from './answer.ts';
import { createOfflineModel, OFFLINE_LABEL } from './model.ts';

const h = usePipeline();

const client = rows.clients.find((c) => c.id === ownClient);
if (!client) throw new Error('own client missing');
const averyAppointment = rows.appointments.find((a) => a.clientId === ownClient)?.id;
const averyNote = rows.notes.find((n) => n.clientId === ownClient && n.kind === 'progress' && n.status !== 'draft')?.id;
const claim = rows.claims.find((c) => c.practiceId === 'prc_lakeside')?.id;
const message = rows.inboxMessages.find((m) => m.clientId === ownClient && m.senderKind !== 'staff')?.id;
const thread = rows.inboxMessages.find((m) => m.clientId === ownClient && m.senderKind !== 'staff')?.threadId;

type Expect = [prompt: string, tools: string[]];
const UNKNOWN: string[] = [];

// Written by hand: what each role's everyday requests should call. [] = the assistant must say it did not understand
// or that the role cannot do it, without calling anything.
const CONVERSATIONS: Record<'avery' | 'morgan' | 'jamie' | 'riley' | 'casey', Expect[]> = {
  avery: [
    ['what are my appointments today?', ['list_appointments']],
    ['show my schedule for this week', ['list_appointments']],
    [`find ${client.lastName}`, ['search_clients']],
    [`summarize the chart for ${ownClient}`, ['summarize_chart']],
    [`summarize the chart for ${client.firstName} ${client.lastName}`, ['search_clients', 'summarize_chart']],
    [`has ${ownClient}'s PHQ-9 improved?`, ['assessment_trend']],
    [`GAD-7 trend for ${ownClient}`, ['assessment_trend']],
    [`list the notes for ${ownClient}`, ['list_notes']],
    [`draft a DAP note for ${averyAppointment}`, ['draft_note']],
    [`suggest codes for ${averyNote}`, ['suggest_codes']],
    [`show the treatment plan for ${ownClient}`, ['get_treatment_plan']],
    [`any risk flags for ${ownClient}?`, ['flag_risk']],
    ['which risk flags are awaiting my review?', ['list_risk_flags']],
    [`show the risk flags for ${ownClient}`, ['list_risk_flags']],
    [`is ${averyNote} supported by its transcript? check grounding`, ['check_grounding']],
    [`open ${averyNote}`, ['get_note']],
    [`draft a reply to ${thread}`, ['draft_reply']],
    ['what is urgent in the inbox?', ['triage_inbox']],
    ['tell me a joke', UNKNOWN],
  ],
  morgan: [
    ['what are my appointments today?', ['list_appointments']],
    [`summarize the chart for ${ownClient}`, ['summarize_chart']],
    [`has ${ownClient}'s PHQ-9 improved?`, ['assessment_trend']],
    [`list the notes for ${ownClient}`, ['list_notes']],
    [`find ${client.lastName}`, ['search_clients']],
    ['what needs attention in the inbox', ['triage_inbox']],
    [`classify ${message}`, ['classify_message']],
    [`show ${message}`, ['get_message']],
    [`tell me about ${ownClient}`, ['get_client']],
    ['appointments tomorrow', ['list_appointments']],
    ['what is the weather', UNKNOWN],
  ],
  jamie: [
    ['what is urgent in the inbox?', ['triage_inbox']],
    ['triage the inbox', ['triage_inbox']],
    [`classify ${message}`, ['classify_message']],
    [`read ${message}`, ['get_message']],
    ['who is on the schedule today', ['list_appointments']],
    ['appointments this week', ['list_appointments']],
    [`find ${client.lastName}`, ['search_clients']],
    [`tell me about ${ownClient}`, ['get_client']],
    [`list the notes for ${ownClient}`, UNKNOWN],
    [`summarize the chart for ${ownClient}`, UNKNOWN],
    ['which risk flags are awaiting review?', UNKNOWN],
    ['sing a song', UNKNOWN],
  ],
  riley: [
    [`check claim ${claim}`, ['scrub_claim']],
    [`review the claim ${claim}`, ['scrub_claim']],
    ['list the claims', ['list_claims']],
    [`claims for ${ownClient}`, ['list_claims']],
    [`suggest codes for ${averyNote}`, ['suggest_codes']],
    [`billing codes for ${averyAppointment}`, ['suggest_codes']],
    [`find ${client.lastName}`, ['search_clients']],
    [`tell me about ${ownClient}`, ['get_client']],
    ['appointments today', ['list_appointments']],
    [`list the notes for ${ownClient}`, UNKNOWN],
    ['what is urgent in the inbox?', UNKNOWN],
  ],
  casey: [
    ['list the staff', ['list_users']],
    ['which accounts are inactive?', ['list_users']],
    ['show the audit trail', ['query_audit']],
    [`who accessed ${ownClient}?`, ['query_audit']],
    ['show denied calls in the audit log', ['query_audit']],
    ['list users', ['list_users']],
    [`access report for ${ownClient}`, ['query_audit']],
    ['who works here', ['list_users']],
    [`summarize the chart for ${ownClient}`, UNKNOWN],
    ['what is urgent in the inbox?', UNKNOWN],
    ['hello', UNKNOWN],
  ],
};

async function converse(who: Principal, prompt: string) {
  const result = await generateText({
    model: createOfflineModel({ today: () => '2026-11-22' }),
    tools: chatTools(h.counted, who),
    prompt,
    stopWhen: stepCountIs(5),
  });
  const calls = result.steps.flatMap((s) => s.toolCalls.map((c) => c.toolName));
  const outputs = result.steps.flatMap((s) => s.toolResults.map((r) => r.output));
  return { text: result.text, calls, outputs };
}

describe('offline assistant: scripted conversations per role', () => {
  for (const [caller, conversations] of Object.entries(CONVERSATIONS)) {
    it.each(conversations)(`${caller}: %s`, async (prompt, expected) => {
      const who = CALLERS[caller as keyof typeof CALLERS];
      const { text, calls, outputs } = await converse(who, prompt);
      expect(calls).toEqual(expected);
      expect(text).toContain(OFFLINE_LABEL);
      if (expected.length === 0) {
        expect(text).toMatch(/did not understand|not available to your role/);
        return;
      }
      // Answers come only from tool results: every record id cited appears in what the tools returned.
      const returned = new Set(outputs.flatMap((o) => sourcesOf(o)));
      for (const id of sourcesOf(text)) expect(returned, `${id} cited but not returned`).toContain(id);
    });
  }
});

describe('offline assistant: what it says when a call is refused or finds nothing', () => {
  it('says plainly that a record is outside the caseload, naming the reason code', async () => {
    const other = rows.clients.find((c) => c.practiceId === 'prc_lakeside' && c.id !== ownClient && !c.part2);
    const { text, calls } = await converse(CALLERS.alex, `tell me about ${other?.id}`);
    expect(calls).toEqual(['get_client']);
    expect(text).toMatch(/could not do that: .*\((out_of_scope|not_found|consent_required)\)/);
  });

  it('asks which client when a name matches several, and calls nothing else', async () => {
    const { text, calls } = await converse(CALLERS.jamie, 'summarize the chart for A');
    expect(calls.every((c) => c === 'search_clients')).toBe(true);
    expect(text).toContain(OFFLINE_LABEL);
  });
});
