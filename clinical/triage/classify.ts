import { categoryModel } from './category-model/committed.ts';
import type { Categorizer } from './category-model/model.ts';
import {
  ADVICE_QUESTION,
  CATEGORY_RULES,
  CLINICAL_URGENCY_RULES,
  ROUTINE_CATEGORIES,
  type RoutineCategory,
} from './category-rules.ts';
import { anyOf } from './phrase.ts';
import { type Discount, type RiskFinding, riskUrgency, screenRisk, URGENCY_RANK, type Urgency } from './risk.ts';
import { RISK_LEXICON } from './risk-rules.ts';
import { type Screen, screenModel } from './screen-model/screen.ts';
import { bySentence, findAll, type Prepared, prepare } from './text.ts';

export type { Urgency } from './risk.ts';
export type Category = 'urgent_risk' | RoutineCategory | 'other';
export const CATEGORIES: readonly Category[] = ['urgent_risk', ...ROUTINE_CATEGORIES, 'other'];

export interface TriageReason {
  /** A risk kind (suicide_direct, abuse_partner…), `category:<name>`, `medication_interruption`, or a discount. */
  code: string;
  /** The exact words of the message that triggered the reason. */
  text: string;
  start: number;
  end: number;
}

export interface Triage {
  categories: Category[];
  urgency: Urgency;
  /** Pinned, alerted to the clinician, kept from the front desk's routine queue. */
  escalate: boolean;
  reasons: TriageReason[];
  /** Risk wording that was found but did not count, with why: shown to the clinician, never silently dropped. */
  discounted: Array<TriageReason & { why: Discount }>;
  /** Which engine decided: always the rules; a model can only add (see floor.ts). */
  source: 'rules' | 'rules+model';
}

/** The reason code of an escalation by the learned screen (screen-model/): a clinician looks today. */
export const LEARNED_SCREEN = 'possible_risk_learned';

/** The longest message the engine reads. Portal messages are far shorter; tools refuse longer input up front. */
export const MAX_MESSAGE_CHARS = 20_000;

const CLINICAL_TOPIC = anyOf(
  '(feel*|anxious|anxiety|depress*|sleep*|therapy|exercise|skill|skills|thought|thoughts|mood|normal|worse|better)',
  '(panic|nightmares|antidepressant|dose|medicine|symptom*|cope|coping|trigger*|should_i|should_we|talk_to_him|talk_to_her)',
  '(triste|ansiedad|miedo|dormir|terapia|preocuparme|ataques|pesadillas|normal)',
  '(exposure|hierarchy|thought_record|worksheet|homework|journaling|journal|skills|diary_card|mindfulness|schema|session_work)',
  '(groggy|drowsy|dizzy|nauseous|nausea|headache|headaches|side_effect|side_effects|try_something_else)',
);

/** The message's questions: each sentence holding "?" or "¿", as its token text and its first offsets. */
function questionSentences(p: Prepared): Array<{ joined: string; start: number; end: number }> {
  const out: Array<{ joined: string; start: number; end: number }> = [];
  const sentences = bySentence(p.tokens);
  sentences.forEach((tokens, i) => {
    const start = tokens[0]?.start ?? 0;
    const end = sentences[i + 1]?.[0]?.start ?? p.text.length;
    if (!/[?¿]/.test(p.text.slice(start, end))) return;
    out.push({ joined: ` ${tokens.map((t) => t.norm).join(' ')} `, start, end: tokens.at(-1)?.end ?? end });
  });
  return out;
}

/**
 * Classifies one portal message, deterministically: the same text always gives the same result. Pure. The rules
 * decide first; when they find no risk, the learned screen (screen-model/, replaceable for tests) may still escalate.
 * Throws a RangeError on empty or oversized text so callers turn it into a clear input error.
 */
export function classifyMessage(
  body: string,
  options: { screen?: Screen; categorize?: Categorizer | null } = {},
): Triage {
  if (body.trim().length === 0) throw new RangeError('the message is empty');
  if (body.length > MAX_MESSAGE_CHARS) {
    throw new RangeError(`the message is longer than ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters`);
  }
  const p = prepare(body, RISK_LEXICON);
  const findings = screenRisk(p);
  const active = findings.filter((f) => f.discounted === null);
  const reasons: TriageReason[] = active.map(asReason);
  // The learned screen only adds: a message the rules escalated keeps the rules' reasons and urgency.
  const learned = active.length === 0 ? (options.screen ?? screenModel)(p, findings) : null;
  if (learned) {
    const { start, end } = learned;
    reasons.push({ code: LEARNED_SCREEN, text: body.slice(start, end), start, end });
  }
  const risky = active.length > 0 || learned !== null;
  const categories = new Set<Category>();
  if (risky) categories.add('urgent_risk');
  for (const rule of CATEGORY_RULES) {
    // A question inside a risk message is the clinician's to answer with the risk; it is not a second intent.
    if (rule.category === 'clinical_question' && risky) continue;
    const [hit] = findAll(p, rule.pattern);
    if (!hit) continue;
    categories.add(rule.category);
    reasons.push({ code: `category:${rule.category}`, text: hit.quote, start: hit.start, end: hit.end });
  }
  let urgency: Urgency = learned ? 'urgent' : riskUrgency(findings);
  for (const rule of CLINICAL_URGENCY_RULES) {
    const [hit] = findAll(p, rule.pattern);
    if (!hit) continue;
    reasons.push({ code: rule.code, text: hit.quote, start: hit.start, end: hit.end });
    if (URGENCY_RANK[urgency] < URGENCY_RANK.urgent) urgency = 'urgent';
  }
  // A question asking the clinician's advice, or about feelings, symptoms or the work of therapy that fits no office
  // category, is the clinician's — a second intent even beside a risk (the risk itself is never the question).
  for (const q of questionSentences(p)) {
    if (categories.has('clinical_question')) break;
    const office = CATEGORY_RULES.some((r) => r.category !== 'clinical_question' && r.pattern.test(q.joined));
    const advice = ADVICE_QUESTION.test(q.joined);
    if (office || (!advice && (risky || !CLINICAL_TOPIC.test(q.joined)))) continue;
    categories.add('clinical_question');
    reasons.push({ code: 'category:clinical_question', text: body.slice(q.start, q.end), start: q.start, end: q.end });
  }
  if (categories.size === 0) categories.add('other');
  const categorize = options.categorize === undefined ? categoryModel : options.categorize;
  const discounted = findings
    .filter((f) => f.discounted !== null)
    .map((f) => ({ ...asReason(f), why: f.discounted ?? 'negated' }));
  const decided = categorize ? applyCategoryModel(categorize, p, categories, reasons) : categories;
  return {
    categories: CATEGORIES.filter((c) => decided.has(c)),
    urgency,
    escalate: urgency !== 'routine',
    reasons,
    discounted,
    source: 'rules',
  };
}

/**
 * The learned category model (category-model/) has the last word on the routine categories: it keeps, drops or adds
 * each, reading the rules' decision beside the words. urgent_risk is never its to change. A dropped category's rule
 * reason goes with it; an added one quotes the sentence that scored highest.
 */
function applyCategoryModel(
  categorize: Categorizer,
  p: Prepared,
  rules: ReadonlySet<Category>,
  reasons: TriageReason[],
): Set<Category> {
  const hits = categorize(p, { categories: CATEGORIES.filter((c) => rules.has(c)) });
  const out = new Set<Category>(rules.has('urgent_risk') ? ['urgent_risk'] : []);
  const kept = new Set<string>(hits.map((h) => `category:${h.category}`));
  for (let i = reasons.length - 1; i >= 0; i--) {
    const code = reasons[i]?.code ?? '';
    if (code.startsWith('category:') && !kept.has(code)) reasons.splice(i, 1);
  }
  for (const hit of hits) {
    out.add(hit.category);
    if (rules.has(hit.category)) continue;
    const { start, end } = hit;
    reasons.push({ code: `category:${hit.category}`, text: p.text.slice(start, end), start, end });
  }
  if (out.size === 0) out.add('other');
  return out;
}

function asReason(f: RiskFinding): TriageReason {
  return { code: f.kind, text: f.text, start: f.start, end: f.end };
}
