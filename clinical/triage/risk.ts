import {
  ACCIDENT_WORDS,
  DELIBERATE_WORDS,
  ORDINARY_PARTING_REASONS,
  ORDINARY_PARTING_WORDS,
  PRECAUTION_WORDS,
  TAKEN_WORDS,
} from './cues.ts';
import { screenFrames } from './frames.ts';
import { anyOf } from './phrase.ts';
import { RISK_RULES, type RiskKind } from './risk-rules.ts';
import { findAll, type Prepared, partText, sentenceText } from './text.ts';

export type Urgency = 'emergency' | 'urgent' | 'routine';
export const URGENCY_RANK: Record<Urgency, number> = { routine: 0, urgent: 1, emergency: 2 };

export type Discount = 'negated' | 'historical' | 'third_party' | 'accidental' | 'precaution';

export interface RiskFinding {
  kind: RiskKind;
  level: 'emergency' | 'urgent';
  /** Exact quote of the original message and its character offsets. */
  text: string;
  start: number;
  end: number;
  /**
   * Why a finding does not count: a negation before it in its clause, a time marker placing it in the past, someone
   * else's thoughts, an injury told as an everyday accident, or an overdose feared or asked about, none taken.
   */
  discounted: Discount | null;
}

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'dont',
  'didnt',
  'doesnt',
  'isnt',
  'arent',
  'wasnt',
  'wont',
  'havent',
  'hasnt',
  'hadnt',
  'nor',
  'nunca',
  'tampoco',
  'ni',
]);
// "can't stop thinking about…" and "no puedo dejar de…" affirm what follows; the negator binds to "stop".
// "isn't worth living" affirms too: the negation belongs to "worth".
// "don't see the point" affirms too: the negation belongs to "see".
const NEGATION_BREAKERS = new Set([
  'stop',
  'stopping',
  'stopped',
  'help',
  'quit',
  'dejar',
  'deja',
  'sure',
  'know',
  'worth',
  'see',
  // "ya no puedo más, tengo la cuerda lista": the negation is despair's own, and binds to "puedo", not to what follows.
  'puedo',
  'aguanto',
  'soporto',
]);
const NEGATION_WINDOW = 5;

const PAST = anyOf(
  // First: the longer anniversary phrase must win over its prefix when PAST_ALL strips time phrases.
  '(years|year) ago (today|this_week|this_month)',
  '(today|hoy) (is|makes|marks|hace|cumplo|se_cumplen|cumple) ~2 (\\d+|one|two|three|four|five|six|seven|eight|nine|ten|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez) (years|yrs|anos)',
  '(years|year|decade|decades) ago',
  '(years|year|long_time|ages) back',
  'long time ago',
  'back in (college|high_school|school|the_day|my_twenties|my_teens|\\d+)',
  '(in|since) (19|20)\\d\\d',
  'when i was (a|young|younger|in|little|\\d+)',
  'in the past',
  'used to',
  '(its|it_has) been ~2 (years|year)',
  '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|many|several) (years|yrs|year) (free|clean|sober|since)',
  '(pasaron|han_pasado|paso|ha_pasado) ~2 (anos|ano) desde',
  'history of',
  'hace (\\d+|muchos|unos|varios|anos) ~1 anos',
  'hace ~3 (anos|decadas)',
  'cuando (era|tenia|estaba_en)',
  'en el pasado',
);
const PRESENT = anyOf(
  'again',
  '(right_now|now|tonight|today|lately|recently|these_days|this_week|last_night|anymore)',
  '(otra_vez|de_nuevo|ahora|hoy|esta_noche|ultimamente)',
);

// Someone else's thoughts (a friend, a character) are a question about them, not a risk to the writer. Only for
// ideation: an overdose or a threat is an emergency whoever it concerns, and a guardian writes about the client.
const THIRD_PARTY = anyOf(
  '(my_friend|a_friend|friend|character|coworker|classmate|someone_in_group|somebody_in_group) ~3 (told|said|says|shared|mentioned|had|has|wanted|wants)',
  // "show" as in a TV show, not a no-show fee.
  / (?<!no )show /,
  '(movie|book|documentary|episode|article|podcast|leaflet|label|warning|warnings|side_effect|side_effects|package_insert)',
  '(mi_amiga|mi_amigo|un_personaje|la_pelicula|la_serie)',
);
const THIRD_PARTY_KINDS: ReadonlySet<RiskKind> = new Set(['suicide_ideation', 'suicide_passive']);

// Parting words with an ordinary reason in the same sentence: a move, a donation, homework ("a goodbye letter to my
// old self"). Narrow on purpose: "moving on from this world" is not a move.
const ORDINARY_PARTING = anyOf(
  '(moving|move|moved|relocating|relocate) (to|out|away|across|in_with|into|back_to|abroad|overseas)',
  ORDINARY_PARTING_WORDS,
  ...ORDINARY_PARTING_REASONS,
  '(downsized|were_moving|im_moving|we_are_moving|study_abroad|donate|donating|donated)',
);

/** Whether the finding's part says `reason` and nothing that `unless` names. */
const partExplains = (reason: RegExp, unless: RegExp) => (p: Prepared, first: number) => {
  const text = partText(p, p.tokens[first]?.part);
  return reason.test(text) && !unless.test(text);
};
/** Self-harm words in a part that tells an everyday accident and never says it was meant. */
const accidental = partExplains(anyOf(ACCIDENT_WORDS), anyOf(...DELIBERATE_WORDS));
/** An overdose named as something to prevent or ask about, in a part that says nothing was taken. */
const precaution = partExplains(anyOf(...PRECAUTION_WORDS), anyOf(TAKEN_WORDS));

function thirdParty(p: Prepared, first: number): boolean {
  const sentence = p.tokens[first]?.sentence;
  const before = p.tokens.filter((t, i) => t.sentence === sentence && i < first);
  return THIRD_PARTY.test(` ${before.map((t) => t.norm).join(' ')} `);
}

/** "not me writing my own eulogy at 3am": internet English for "here I am, writing…", an assertion, not a negation. */
function notMeDoing(p: Prepared, i: number): boolean {
  return p.tokens[i]?.norm === 'not' && p.tokens[i + 1]?.norm === 'me' && /ing$/.test(p.tokens[i + 2]?.norm ?? '');
}

function negated(p: Prepared, first: number): boolean {
  // A wording that opens with its own negation ("don't want to live", "no point in living") is not undone by an
  // earlier one ("if this doesn't work I don't see the point").
  if (NEGATORS.has(p.tokens[first]?.norm ?? '')) return false;
  const clause = p.tokens[first]?.clause;
  for (let i = first - 1; i >= 0 && i >= first - NEGATION_WINDOW; i--) {
    const token = p.tokens[i];
    if (!token || token.clause !== clause) return false;
    // "haven't been able to stop cutting": the negation binds to "stop", whatever stands between.
    if (NEGATION_BREAKERS.has(token.norm)) return false;
    if (NEGATORS.has(token.norm) && !NEGATION_BREAKERS.has(p.tokens[i + 1]?.norm ?? '') && !notMeDoing(p, i))
      return true;
  }
  return false;
}

const PAST_ALL = new RegExp(PAST.source, 'g');

/**
 * Whether the finding's sentence places it in the past and says nothing of now. The time phrase itself is not a
 * word of now: "5 years ago today" is an anniversary.
 */
function historical(p: Prepared, first: number): boolean {
  const text = partText(p, p.tokens[first]?.part);
  return PAST.test(text) && !PRESENT.test(text.replace(PAST_ALL, '  '));
}

function pastInClause(p: Prepared, first: number): boolean {
  const clause = p.tokens[first]?.clause;
  return PAST.test(
    ` ${p.tokens
      .filter((t) => t.clause === clause)
      .map((t) => t.norm)
      .join(' ')} `,
  );
}

/** Why a phrase rule's hit does not count, the first reason that applies, or null when it counts. */
function discountOf(p: Prepared, kind: RiskKind, first: number): Discount | null {
  if (negated(p, first)) return 'negated';
  if (historical(p, first)) return 'historical';
  if (THIRD_PARTY_KINDS.has(kind) && thirdParty(p, first)) return 'third_party';
  if (kind === 'self_harm' && accidental(p, first)) return 'accidental';
  if (kind === 'overdose_medical' && precaution(p, first)) return 'precaution';
  return null;
}

/** Runs every risk rule over the prepared message. Overlapping hits of one kind are kept once (the first). */
export function screenRisk(p: Prepared): RiskFinding[] {
  const findings: RiskFinding[] = [];
  for (const rule of RISK_RULES) {
    for (const hit of findAll(p, rule.pattern)) {
      if (findings.some((f) => f.kind === rule.kind && f.start < hit.end && hit.start < f.end)) continue;
      if (rule.kind === 'preparatory_acts' && ORDINARY_PARTING.test(sentenceText(p, p.tokens[hit.first]?.sentence)))
        continue;
      findings.push({
        kind: rule.kind,
        level: rule.level,
        text: hit.quote,
        start: hit.start,
        end: hit.end,
        discounted: discountOf(p, rule.kind, hit.first),
      });
    }
  }
  const guards = {
    negated: (i: number) => negated(p, i),
    historical: (i: number) => historical(p, i),
    pastInClause: (i: number) => pastInClause(p, i),
    accidental: (i: number) => accidental(p, i),
    precaution: (i: number) => precaution(p, i),
  };
  for (const frame of screenFrames(p, guards)) {
    const [hit] = frame.hits;
    if (!hit) continue;
    if (findings.some((f) => f.discounted === null && f.start <= hit.start && hit.end <= f.end)) continue;
    findings.push({
      kind: frame.kind,
      level: frame.level,
      text: hit.quote,
      start: hit.start,
      end: hit.end,
      discounted: null,
    });
  }
  return findings.sort((a, b) => a.start - b.start);
}

const SUICIDAL: ReadonlySet<RiskKind> = new Set(['suicide_direct', 'suicide_ideation', 'suicide_passive']);

/**
 * The urgency the active findings warrant. Combinations raise it: thoughts of suicide with a method or means at
 * hand, intoxication with any other risk, or three different kinds of risk at once are emergencies.
 */
export function riskUrgency(findings: readonly RiskFinding[]): Urgency {
  const active = findings.filter((f) => f.discounted === null);
  if (active.length === 0) return 'routine';
  const kinds = new Set(active.map((f) => f.kind).filter((k) => k !== 'possible_risk'));
  const anySuicidal = [...kinds].some((k) => SUICIDAL.has(k));
  if (active.some((f) => f.level === 'emergency')) return 'emergency';
  if (anySuicidal && kinds.has('method_means')) return 'emergency';
  if (kinds.has('intoxication') && kinds.size > 1) return 'emergency';
  if (kinds.size >= 3) return 'emergency';
  return 'urgent';
}
