import {
  CUES,
  type CueClass,
  DEATH_IDIOM,
  ORDINARY_PARTING_REASONS,
  ORDINARY_PARTING_WORDS,
  PERSON_OBJECT,
  TOPIC,
  VIOLENCE_IDIOM,
} from './cues.ts';
import { anyOf } from './phrase.ts';
import type { RiskKind } from './risk-rules.ts';
import { findAll, type Hit, type Prepared, sentenceText } from './text.ts';

/**
 * The frame screen: cues (cues.ts) that mean risk together, within one sentence or the next. Each frame names the
 * risk kind it stands for and the cues behind it, so every escalation still quotes the writer's words.
 */
export interface FrameFinding {
  kind: RiskKind;
  level: 'emergency' | 'urgent';
  /** The cue hits that make the frame; the first is quoted as the reason. */
  hits: Hit[];
}

interface Cue extends Hit {
  cls: CueClass;
  sentence: number;
}

export interface CueGuards {
  negated(first: number): boolean;
  historical(first: number): boolean;
  /** A past-time marker in the cue's own clause ("my attempt back in college"), whatever the rest of the sentence says. */
  pastInClause(first: number): boolean;
  /** An injury told as an everyday accident ("cut myself chopping onions"), for the self_harm cues only. */
  accidental(first: number): boolean;
  /** An overdose feared or asked about with nothing taken, for the medical cues only. */
  precaution(first: number): boolean;
}

// Classes whose cues a topic sentence (a documentary, a video game, a recipe) takes away. Plain first-person
// wordings (despair about living, self-harm, a disclosure, a method in progress, voices) stand in any sentence.
const TOPIC_SENSITIVE: ReadonlySet<CueClass> = new Set([
  'death',
  'violence',
  'means',
  'medical',
  'substance',
  'prep',
  'quantity',
]);
// A topic sentence that also holds one of these is about the writer after all ("my dad's hunting rifle … I keep
// catching myself thinking").
const PLAIN_CUES: readonly CueClass[] = [
  'means_focus',
  'despair',
  'despair_strong',
  'veiled',
  'self_harm',
  'unsafe',
  'act',
];
const BILLING = anyOf(
  '(bill|billed|billing|invoice|charge|charged|claim|receipt|statement|copay|insurance|balance|paid|factura|cobro|cobraron|seguro|recibo)',
);
const MED_ROUTINE = anyOf(
  '(refill*|pharmacy|pharmacist|prescription*|dose|dosage|side_effect*|generic|mg|milligrams|prior_auth|mail_order|pick_up|picked_up|ran_out|running_out|run_out|receta|farmacia|dosis|resurtir)',
  '(changing|change|switch|switching|adjust|adjusting|lower|lowering|upping|raise|raising) (my|the|his|her) (meds|medication|medications|dose)',
);
const MED_NOUN = anyOf('(med|meds|medication|medications|medicine|refill|disorder|history|precautions)');
const LAUGH = anyOf('(lol|lmao|haha|hahaha|jk|jaja|jajaja|kidding|joking|bromeando)');
// "jk jk (not really jk)" takes the joke back.
const NOT_JOKING = anyOf(
  '(not_really_jk|not_really_joking|not_joking|only_half_joking|half_joking|not_kidding|no_es_broma|no_estoy_bromeando)',
);
const laughing = (p: Prepared, sentence: string) => LAUGH.test(sentence) && !NOT_JOKING.test(p.joined);
const CHILD_AGENT = anyOf(
  '(son|daughter|toddler|kid|kids|child|baby|preschooler|stepson|stepdaughter|hijo|hija|nino|nina|year_old|yr_old|yo)',
);
const MILD_VIOLENCE = anyOf(
  '(hit|hits|hitting|kick|kicks|kicking|bite|bites|biting|slap|slaps|smack|smacks|pushes|push)',
);
const FIRST_PERSON_AGENT = anyOf('(i|im|ive|ill|id|yo)');
const THIRD_PARTY_SUBJECT = anyOf(
  '(friend|friends|classmate|classmates|coworker|coworkers|colleague|colleagues|neighbor|neighbors|roommate|student|students|client|clients|patient|patients|celebrity|actor|singer|character|teammate|amigo|amiga|companero|companera|vecino|vecina) ~3 (told|said|says|shared|mentioned|attempted|attempts|tried|has|had|is|was|posted|wrote|died|killed|overdosed|dijo|intento|tiene|tenia)',
);
const THIRD_PARTY_SENSITIVE: ReadonlySet<CueClass> = new Set([
  'death',
  'despair',
  'despair_strong',
  'self_harm',
  'means',
  'intent',
]);
const PREP_ORDINARY = anyOf(
  ORDINARY_PARTING_WORDS,
  ...ORDINARY_PARTING_REASONS,
  '(shelter|charity|donat*|moving|spring_cleaning|old_clothes|feliz|navidad|christmas|holidays|new_year|birthday|retire*|graduat*)',
  '(exam|exams|midterm|finals|professor|teacher|employer|landlord|court|judge|hr|absence|absences|excused|excuse|esa|fmla|disability|accommodation|accommodations)',
  // A note for a surgeon or a pharmacy is paperwork.
  '(surgeon|oral_surgeon|dentist|pcp|physician|pharmacy|pharmacist)',
);
const HYPERBOLE = anyOf('(almost|nearly|casi|practically|basically)');
const DRIVING = anyOf('(drive|driving|drove|behind_the_wheel|manejar|manejando|conducir)');

/** All cue hits that count: not inside an idiom, not negated, not in the past, not in a topic sentence. */
function cuesOf(p: Prepared, guards: CueGuards): Cue[] {
  const topicSentence = new Map<number, boolean>();
  const isTopic = (s: number) => {
    if (!topicSentence.has(s)) topicSentence.set(s, TOPIC.test(sentenceText(p, s)));
    return topicSentence.get(s) ?? false;
  };
  const plain = new Map<number, boolean>();
  const plainCueIn = (s: number) => {
    if (!plain.has(s))
      plain.set(
        s,
        PLAIN_CUES.some((c) => findAll(p, CUES[c]).some((h) => p.tokens[h.first]?.sentence === s)),
      );
    return plain.get(s) ?? false;
  };
  const deathIdioms = findAll(p, DEATH_IDIOM, true);
  const violenceIdioms = findAll(p, VIOLENCE_IDIOM, true);
  const intentSentences = new Set(findAll(p, CUES.intent).map((h) => p.tokens[h.first]?.sentence));
  const inside = (h: Hit, spans: Hit[]) => spans.some((i) => i.first <= h.last && h.first <= i.last);
  const out: Cue[] = [];
  for (const cls of Object.keys(CUES) as CueClass[]) {
    for (const hit of findAll(p, CUES[cls])) {
      const sentence = p.tokens[hit.first]?.sentence ?? 0;
      if ((cls === 'death' || cls === 'despair' || cls === 'means' || cls === 'medical') && inside(hit, deathIdioms))
        continue;
      if (cls === 'violence' && inside(hit, violenceIdioms)) continue;
      // A threat said with intent ("I swear I will…") stands even at a kid's game.
      const intentOverrides = cls === 'violence' && intentSentences.has(sentence);
      if (TOPIC_SENSITIVE.has(cls) && isTopic(sentence) && !plainCueIn(sentence) && !intentOverrides) continue;
      if (cls === 'medical' && BILLING.test(sentenceText(p, sentence))) continue;
      if (
        cls === 'medical' &&
        HYPERBOLE.test(
          ` ${p.tokens
            .slice(Math.max(0, hit.first - 2), hit.first)
            .map((t) => t.norm)
            .join(' ')} `,
        )
      )
        continue;
      if ((cls === 'prep' || cls === 'prep_strong') && PREP_ORDINARY.test(sentenceText(p, sentence))) continue;
      if (THIRD_PARTY_SENSITIVE.has(cls) && thirdPartyBefore(p, hit.first)) continue;
      // "seizure meds", "chest pain history": a condition named for its medicine or record, not an event now.
      const nextWord = ` ${p.tokens[hit.last + 1]?.norm ?? ''} `;
      if (cls === 'medical' && MED_NOUN.test(nextWord)) continue;
      if (cls === 'means' && MED_ROUTINE.test(sentenceText(p, sentence))) continue;
      if (
        cls !== 'imminent' &&
        cls !== 'intent' &&
        (guards.negated(hit.first) || guards.historical(hit.first) || guards.pastInClause(hit.first))
      )
        continue;
      if (cls === 'intent' && guards.negated(hit.first)) continue;
      if (cls === 'self_harm' && guards.accidental(hit.first)) continue;
      if (cls === 'medical' && guards.precaution(hit.first)) continue;
      out.push({ ...hit, cls, sentence });
    }
  }
  return out;
}

/** Runs the frames over a prepared message. */
export function screenFrames(p: Prepared, guards: CueGuards): FrameFinding[] {
  const cues = cuesOf(p, guards);
  const of = (cls: CueClass) => cues.filter((c) => c.cls === cls);
  const near = (a: Cue, cls: CueClass, span = 2) =>
    cues.find((c) => c.cls === cls && Math.abs(c.sentence - a.sentence) <= span && c !== a);
  const same = (a: Cue, cls: CueClass) => near(a, cls, 0);
  const imminentNear = (a: Cue) => near(a, 'imminent') !== undefined;
  const found: FrameFinding[] = [];
  const add = (kind: RiskKind, level: 'emergency' | 'urgent', ...hits: Array<Cue | undefined>) =>
    found.push({ kind, level, hits: hits.filter((h): h is Cue => h !== undefined) });

  for (const d of of('death')) {
    const intent = same(d, 'intent');
    const despair = near(d, 'despair') ?? near(d, 'despair_strong');
    const means = near(d, 'means', 1) ?? near(d, 'quantity', 1) ?? near(d, 'stockpile', 1);
    const prep = near(d, 'prep') ?? near(d, 'prep_strong');
    if (means) add('method_means', imminentNear(d) ? 'emergency' : 'urgent', d, means);
    else if (prep) add('preparatory_acts', 'emergency', d, prep);
    else if (intent) add('suicide_ideation', imminentNear(d) ? 'emergency' : 'urgent', d, intent);
    else if (despair) add('suicide_passive', 'urgent', d, despair);
    else if (near(d, 'veiled')) add('suicide_passive', 'urgent', d, near(d, 'veiled'));
    else if (firstPersonSentence(p, d.sentence) && !laughing(p, sentenceText(p, d.sentence)))
      add('possible_risk', 'urgent', d);
  }
  for (const s of of('despair_strong')) add('suicide_passive', 'urgent', s);
  for (const s of of('despair')) {
    const partner = near(s, 'means') ?? near(s, 'substance') ?? near(s, 'prep') ?? near(s, 'self_harm');
    if (partner) add('suicide_passive', 'urgent', s, partner);
  }
  for (const m of of('means')) {
    const partner =
      near(m, 'quantity', 1) ??
      near(m, 'means_focus', 1) ??
      near(m, 'prep_strong') ??
      near(m, 'despair') ??
      near(m, 'despair_strong') ??
      near(m, 'veiled');
    if (partner) add('method_means', imminentNear(m) ? 'emergency' : 'urgent', m, partner);
  }
  for (const s of of('stockpile')) add('method_means', 'urgent', s);
  for (const a of of('act')) add('method_means', 'emergency', a);
  for (const h of of('self_harm')) add('self_harm', 'urgent', h);
  for (const v of of('violence')) {
    const finding = violenceFrame(p, v, cues);
    if (finding) found.push(finding);
  }
  for (const a of of('abuse_strong')) add('abuse_partner', 'urgent', a);
  for (const s of of('substance')) {
    const partner =
      near(s, 'despair') ??
      near(s, 'despair_strong') ??
      near(s, 'death') ??
      near(s, 'means') ??
      near(s, 'violence') ??
      near(s, 'unsafe') ??
      near(s, 'self_harm');
    const driving = DRIVING.test(sentenceText(p, s.sentence));
    if (partner || driving) add('intoxication', driving ? 'emergency' : 'urgent', s, partner);
  }
  for (const m of of('medical')) add('overdose_medical', 'emergency', m);
  for (const s of of('prep_strong')) add('preparatory_acts', 'emergency', s);
  for (const s of of('prep')) {
    const partner =
      near(s, 'despair') ??
      near(s, 'despair_strong') ??
      near(s, 'means') ??
      near(s, 'quantity') ??
      cues.find((c) => c.cls === 'prep' && c !== s && Math.abs(c.sentence - s.sentence) <= 1) ??
      cues.find(
        (c) =>
          c.cls === 'intent' && /ready|decided|made up|time/i.test(c.quote) && Math.abs(c.sentence - s.sentence) <= 1,
      );
    if (partner) add('preparatory_acts', 'emergency', s, partner);
  }
  for (const u of of('unsafe')) add('possible_risk', imminentNear(u) ? 'emergency' : 'urgent', u);
  for (const v of of('voices')) add('possible_risk', 'urgent', v);
  return found;
}

/** A friend, classmate or character named before the cue in its sentence: the cue is about them. */
function thirdPartyBefore(p: Prepared, first: number): boolean {
  const sentence = p.tokens[first]?.sentence;
  const before = p.tokens.filter((t, i) => t.sentence === sentence && i < first).map((t) => t.norm);
  return THIRD_PARTY_SUBJECT.test(` ${before.join(' ')} `);
}

function firstPersonSentence(p: Prepared, sentence: number): boolean {
  return /(?:^| )(?:i|im|ive|id|ill|me|my|myself|mi|me|yo|estoy|quiero)(?= )/.test(sentenceText(p, sentence));
}

/**
 * A violence verb counts when a person is its object ("hits me", "hurt my stepson"). Who acts decides the kind: the
 * writer with intent or fear is harm to others; anyone else hurting the writer or family is abuse. A small child
 * hitting or biting is a parenting question, not a disclosure; a joke ("lol") about hurting someone is an idiom.
 */
function violenceFrame(p: Prepared, v: Cue, cues: readonly Cue[]): FrameFinding | null {
  const after = p.tokens.slice(v.last + 1, v.last + 4).map((t) => t.norm);
  const object = PERSON_OBJECT.test(` ${after.join(' ')} `) || PERSON_OBJECT.test(` ${v.quote.toLowerCase()} `);
  if (!object) return null;
  const clause = p.tokens[v.first]?.clause;
  const before = ` ${p.tokens
    .slice(0, v.first)
    .filter((t) => t.clause === clause)
    .map((t) => t.norm)
    .join(' ')} `;
  const sentence = sentenceText(p, v.sentence);
  if (CHILD_AGENT.test(before) && MILD_VIOLENCE.test(` ${v.quote.toLowerCase()} `)) return null;
  if (
    / (?:me|myself) /.test(` ${after.slice(0, 1).join(' ')} `) &&
    / i /.test(before) &&
    !/ (?:he|she|they) /.test(before)
  )
    return { kind: 'self_harm', level: 'urgent', hits: [v] };
  const selfAgent = FIRST_PERSON_AGENT.test(before);
  if (selfAgent) {
    if (laughing(p, sentence)) return null;
    const drive = cues.find(
      (c) => (c.cls === 'intent' || c.cls === 'unsafe') && c.sentence === v.sentence && c.first < v.first,
    );
    if (!drive) return null;
    const imminent = cues.some((c) => c.cls === 'imminent' && Math.abs(c.sentence - v.sentence) <= 1);
    const weapon = cues.some((c) => c.cls === 'means' && Math.abs(c.sentence - v.sentence) <= 1);
    return { kind: 'harm_to_others', level: imminent || weapon ? 'emergency' : 'urgent', hits: [v, drive] };
  }
  return { kind: 'abuse_partner', level: 'urgent', hits: [v] };
}
