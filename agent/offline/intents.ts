/**
 * The offline assistant's understanding of a request: a small, deterministic table of intents, each a pattern and the
 * tool call it makes. No guessing: a request that matches nothing gets a plain "I did not understand" with examples.
 * Pure: the text, the caller's role and the tools it may use in, a plan out.
 */

import { chartQuestionOf } from './chart-answers.ts';

export type Plan =
  | { kind: 'call'; tool: string; args: Record<string, unknown>; intent: string }
  /** The request names a client by name: search first, then make the call for the one match. */
  | { kind: 'resolve_client'; query: string; intent: string; withClient: (clientId: string) => Plan }
  | { kind: 'unknown'; reason: string };

const ID = {
  client: /\bcli_[A-Za-z0-9_-]+/,
  appointment: /\bapt_[A-Za-z0-9_-]+/,
  note: /\bnote_[A-Za-z0-9_-]+/,
  message: /\bmsg_[A-Za-z0-9_-]+/,
  thread: /\bthr_[A-Za-z0-9_-]+/,
  claim: /\bclm_[A-Za-z0-9_-]+/,
};
const FORMAT = /\b(SOAP|DAP|BIRP|GIRP)\b/i;
const INSTRUMENT = /\b(PHQ-?9|GAD-?7)\b/i;

const find = (re: RegExp, text: string) => text.match(re)?.[0];

/** "for Jordan Blake", "about Ms. Rivera's" → the name after the preposition, or null. */
export function nameIn(text: string): string | null {
  const m =
    text.match(/\b(?:for|about|of|on)\s+((?:[A-ZÁÉÍÓÚÑ][\p{L}'-]+)(?:\s+[A-ZÁÉÍÓÚÑ][\p{L}'-]+)?)/u) ??
    // "What insurance does Lucia Hartwell have?": a full name (two capitalised words) as the subject of a question.
    text.match(/\b(?:does|do|did|is|has|was)\s+([A-ZÁÉÍÓÚÑ][\p{L}'-]+\s+[A-ZÁÉÍÓÚÑ][\p{L}'-]+)/u);
  const name = m?.[1]?.replace(/'s$/, '');
  if (!name || /^(SOAP|DAP|BIRP|GIRP|PHQ|GAD|Today|Tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday)/i.test(name))
    return null;
  return name;
}

function dayWindow(text: string, today: string): { from: string; to: string } {
  const start = new Date(`${today}T00:00:00Z`);
  const days = /\bweek\b/i.test(text) ? 7 : /\btomorrow\b/i.test(text) ? 2 : 1;
  const offset = /\btomorrow\b/i.test(text) ? 1 : 0;
  const from = new Date(start.getTime() + offset * 86_400_000);
  const to = new Date(start.getTime() + (offset + days) * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

interface Intent {
  name: string;
  test: RegExp;
  plan(text: string, ctx: { today: string }): Plan | null;
}

/** A plan that needs a client: by id when the text has one, by name (search first) otherwise. */
function forClient(text: string, intent: string, make: (clientId: string) => Plan): Plan | null {
  const id = find(ID.client, text);
  if (id) return make(id);
  const name = nameIn(text);
  return name ? { kind: 'resolve_client', query: name, intent, withClient: make } : null;
}

const call = (intent: string, tool: string, args: Record<string, unknown>): Plan => ({
  kind: 'call',
  tool,
  args,
  intent,
});

/** Checked in order; the first intent whose pattern matches and that can build a plan wins. */
const INTENTS: Intent[] = [
  {
    name: 'list_users',
    test: /\b(staff|users|accounts|who works)\b/i,
    plan: (text) => call('list_users', 'list_users', /\binactive|deactivated\b/i.test(text) ? { active: false } : {}),
  },
  {
    name: 'query_audit',
    test: /\b(audit|accessed|who (opened|viewed|looked at)|access report|denied)\b/i,
    plan: (text) => {
      const recordId = text.match(/\b(cli|note|apt|msg|thr|clm)_[A-Za-z0-9_-]+/)?.[0];
      const decision = /\bdenied|refused\b/i.test(text) ? 'deny' : undefined;
      return call('query_audit', 'query_audit', {
        ...(recordId ? { recordId } : {}),
        ...(decision ? { decision } : {}),
      });
    },
  },
  {
    name: 'draft_reply',
    test: /\b(draft|write)\b.*\breply\b/i,
    plan: (text) => {
      const threadId = find(ID.thread, text);
      const messageId = find(ID.message, text);
      return threadId ? call('draft_reply', 'draft_reply', { threadId, ...(messageId ? { messageId } : {}) }) : null;
    },
  },
  {
    name: 'draft_note',
    test: /\b(draft|write)\b.*\bnote\b/i,
    plan: (text) => {
      const format = (find(FORMAT, text) ?? 'SOAP').toUpperCase();
      const appointmentId = find(ID.appointment, text);
      return appointmentId ? call('draft_note', 'draft_note', { appointmentId, format }) : null;
    },
  },
  {
    name: 'check_grounding',
    test: /\b(ground\w*|fact-?check|verify|supported)\b/i,
    plan: (text) => {
      const noteId = find(ID.note, text);
      return noteId ? call('check_grounding', 'check_grounding', { noteId }) : null;
    },
  },
  {
    name: 'suggest_codes',
    test: /\b(codes?|cpt|icd|bill(ing)? code)\b/i,
    plan: (text) => {
      const noteId = find(ID.note, text);
      const appointmentId = find(ID.appointment, text);
      if (noteId) return call('suggest_codes', 'suggest_codes', { noteId });
      return appointmentId ? call('suggest_codes', 'suggest_codes', { appointmentId }) : null;
    },
  },
  {
    name: 'scrub_claim',
    test: /\b(scrub|check|review)\b.*\bclaim\b/i,
    plan: (text) => {
      const claimId = find(ID.claim, text);
      return claimId ? call('scrub_claim', 'scrub_claim', { claimId }) : null;
    },
  },
  {
    name: 'get_note',
    test: /\b(show|read|open|get)\b.*\bnote_/i,
    plan: (text) => call('get_note', 'get_note', { noteId: find(ID.note, text) }),
  },
  {
    name: 'classify_message',
    test: /\b(classify|triage|how urgent)\b.*\bmsg_/i,
    plan: (text) => {
      const messageId = find(ID.message, text);
      return messageId ? call('classify_message', 'classify_message', { messageId }) : null;
    },
  },
  {
    name: 'get_message',
    test: /\b(show|read|open)\b.*\bmsg_/i,
    plan: (text) => call('get_message', 'get_message', { messageId: find(ID.message, text) }),
  },
  {
    // The stored queue, read-only: "risk flags awaiting review", "show pending flags for …". Checked before
    // flag_risk, which raises flags; "any risk flags for …" still goes there.
    name: 'list_risk_flags',
    test: /\b(pending|awaiting|unreviewed|reviewed|queue|list|show)\b.*\bflags\b|\bflags\b.*\b(pending|awaiting|to review|queue|reviewed)\b/i,
    plan: (text) => {
      const status = /\ball\b/i.test(text)
        ? 'all'
        : /\b(already|previously) reviewed\b|\breviewed (risk )?flags\b/i.test(text)
          ? 'reviewed'
          : undefined;
      const args = status ? { status } : {};
      return (
        forClient(text, 'list_risk_flags', (clientId) =>
          call('list_risk_flags', 'list_risk_flags', { ...args, clientId }),
        ) ?? call('list_risk_flags', 'list_risk_flags', args)
      );
    },
  },
  {
    name: 'flag_risk',
    test: /\b(risk|safety|suicid\w*)\b/i,
    plan: (text) => forClient(text, 'flag_risk', (clientId) => call('flag_risk', 'flag_risk', { clientId })),
  },
  {
    name: 'triage_inbox',
    test: /\b(urgent|triage|inbox|what needs attention)\b/i,
    plan: () => call('triage_inbox', 'triage_inbox', {}),
  },
  {
    name: 'assessment_trend',
    test: /\b(phq-?9|gad-?7|improv\w*|trend\w*|scores?|worse\w*|better)\b/i,
    plan: (text) => {
      const instrument = (find(INSTRUMENT, text) ?? 'PHQ-9').toUpperCase().replace(/^(PHQ|GAD)-?/, '$1-');
      return forClient(text, 'assessment_trend', (clientId) =>
        call('assessment_trend', 'assessment_trend', { clientId, instrument }),
      );
    },
  },
  {
    name: 'get_treatment_plan',
    test: /\b(treatment plan|goals)\b/i,
    plan: (text) =>
      forClient(text, 'get_treatment_plan', (clientId) =>
        call('get_treatment_plan', 'get_treatment_plan', { clientId }),
      ),
  },
  {
    name: 'summarize_chart',
    test: /\b(summari[sz]e|summary|recent sessions|catch me up|overview)\b/i,
    plan: (text) =>
      forClient(text, 'summarize_chart', (clientId) => call('summarize_chart', 'summarize_chart', { clientId })),
  },
  {
    name: 'list_notes',
    test: /\bnotes\b/i,
    plan: (text) => forClient(text, 'list_notes', (clientId) => call('list_notes', 'list_notes', { clientId })),
  },
  {
    name: 'list_claims',
    test: /\bclaims?\b/i,
    plan: (text) => {
      const clientId = find(ID.client, text);
      return call('list_claims', 'list_claims', clientId ? { clientId } : {});
    },
  },
  {
    name: 'list_appointments',
    test: /\b(appointments?|schedule|sessions? (today|tomorrow|this week)|agenda)\b/i,
    plan: (text, ctx) => call('list_appointments', 'list_appointments', dayWindow(text, ctx.today)),
  },
  {
    // A question about one client's chart that no intent above covers: a field of the client record, or a topic
    // (a lab, a medication, a diagnosis) looked up in the chart summary, where the answer may be "no record".
    name: 'chart_question',
    test: /\?\s*$|^\s*(what|what's|which|when|who|does|did|do|has|have|is|are|was|were|how|any)\b/i,
    plan: (text) => {
      const question = chartQuestionOf(text, nameIn(text));
      if (!question) return null;
      const args = question.tool === 'summarize_chart' ? { recentSessions: 20 } : {};
      return forClient(text, 'chart_question', (clientId) =>
        call('chart_question', question.tool, { clientId, ...args }),
      );
    },
  },
  {
    name: 'get_client',
    test: /\bcli_/i,
    plan: (text) => call('get_client', 'get_client', { clientId: find(ID.client, text) }),
  },
  {
    name: 'search_clients',
    test: /\b(find|search|look up|who is)\b/i,
    plan: (text) => {
      const query = text.replace(/.*\b(find|search( for)?|look up|who is)\b\s*/i, '').replace(/[?.!]+$/, '');
      return query.length > 0 ? call('search_clients', 'search_clients', { query: query.slice(0, 200) }) : null;
    },
  },
];

/** Falls back to a tool the role has when the preferred one is not offered (e.g. list_assessments for a trend). */
const FALLBACK: Record<string, (args: Record<string, unknown>) => Plan> = {
  assessment_trend: (args) => call('assessment_trend', 'list_assessments', { clientId: args.clientId }),
  summarize_chart: (args) => call('summarize_chart', 'list_notes', { clientId: args.clientId }),
  triage_inbox: () => call('triage_inbox', 'list_messages', {}),
};

export const EXAMPLES = [
  'find Jordan',
  'what are my appointments today?',
  'summarize the chart for cli_…',
  'has cli_…’s PHQ-9 improved?',
  'draft a SOAP note for apt_…',
  'what is urgent in the inbox?',
  'suggest codes for note_…',
];

/** The plan for a request, limited to the tools the caller is offered. */
/**
 * The person's request apart from anything they pasted: text inside <tag>…</tag> or ``` blocks, or after the first
 * blank line. Pasted text is data — a portal message, an intake form, a transcript — and may carry instructions
 * meant for the assistant; the offline assistant routes on the request alone, never on what was pasted.
 */
export function splitRequest(text: string): { request: string; pasted: string | null } {
  const blocks: string[] = [];
  let request = text
    .replace(/<([a-z][\w-]*)[^>]*>([\s\S]*?)<\/\1>/gi, (_, _tag: string, body: string) => {
      blocks.push(body.trim());
      return ' ';
    })
    .replace(/```[\s\S]*?(```|$)/g, (block) => {
      blocks.push(block.replace(/```/g, '').trim());
      return ' ';
    });
  const paragraphs = request.split(/\n\s*\n/);
  if (paragraphs.length > 1) {
    request = paragraphs[0] ?? '';
    blocks.push(paragraphs.slice(1).join('\n\n').trim());
  }
  const pasted = blocks.filter(Boolean).join('\n\n');
  return { request: request.trim(), pasted: pasted.length > 0 ? pasted : null };
}

export function planFor(text: string, tools: ReadonlySet<string>, ctx: { today: string }): Plan {
  const { request, pasted } = splitRequest(text);
  const clean = request;
  if (clean.length === 0 && !pasted) return { kind: 'unknown', reason: 'The message was empty.' };
  // Something pasted with a request to read it: classify it as a portal message (the safest useful reading).
  if (pasted && /\b(message|need|want|urgent|classify|triage|read|what)\b/i.test(clean)) {
    const plan = call('classify_message', 'classify_message', { text: pasted.slice(0, 20_000) });
    if (tools.has('classify_message')) return plan;
  }
  for (const intent of INTENTS) {
    if (!intent.test.test(clean)) continue;
    const plan = intent.plan(clean, ctx);
    if (!plan) continue;
    const usable = offered(plan, tools);
    if (usable) return usable;
    return {
      kind: 'unknown',
      reason: `That needs ${intent.name.replace(/_/g, ' ')}, which is not available to your role here.`,
    };
  }
  return { kind: 'unknown', reason: 'I did not understand the request.' };
}

function offered(plan: Plan, tools: ReadonlySet<string>): Plan | null {
  if (plan.kind === 'resolve_client') {
    if (!tools.has('search_clients')) return null;
    return { ...plan, withClient: (id) => offered(plan.withClient(id), tools) ?? plan.withClient(id) };
  }
  if (plan.kind !== 'call' || tools.has(plan.tool)) return plan;
  const fallback = FALLBACK[plan.tool]?.(plan.args);
  return fallback && fallback.kind === 'call' && tools.has(fallback.tool) ? fallback : null;
}
