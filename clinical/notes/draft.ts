/**
 * The offline drafter: extractive. It selects transcript (or dictation) sentences, lightly normalizes them (fillers
 * out, first letter up, a full stop), labels who said them, and files them into the format's sections, each with
 * the exact source span it came from. It adds nothing the source does not say: a section it finds nothing for is
 * left visibly empty, and there is no default mental-status or "within normal limits" text.
 */
import { contentWords, isNegated, quantities, splitSentences } from '../grounding/text.ts';
import { type Classified, classify, isRiskQuestion, type Speaker } from './classify.ts';
import { type DraftFormat, EMPTY_SECTION_MARKER, FORMAT_SPECS, type SentenceKind } from './formats.ts';

export interface DraftSourceSegment {
  speaker: string;
  /** Offsets into the source's full text. */
  start: number;
  end: number;
  text: string;
}

export interface DraftSource {
  id: string;
  kind: 'transcript' | 'dictation';
  text: string;
  /** Speaker turns with offsets; when absent, "Label: text" lines are parsed from the text. */
  segments?: readonly DraftSourceSegment[];
}

/** Facts from the appointment record; they become the session line, which payers look for. */
export interface SessionFacts {
  appointmentId: string;
  /** Local date and times in the practice's time zone, e.g. "2026-11-19", "16:00", "16:53". */
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
  modality: string;
  serviceType: string;
}

export interface DraftEvidence {
  sourceId: string;
  sourceType: 'transcript' | 'appointment' | 'treatment_plan';
  start: number;
  end: number;
  quote: string;
}

export interface DraftedStatement {
  section: string;
  /** Offsets of the statement in its section's text. */
  start: number;
  end: number;
  text: string;
  evidence: DraftEvidence[];
}

export interface NoteDraft {
  format: DraftFormat;
  sections: Record<string, string>;
  statements: DraftedStatement[];
  emptySections: string[];
  /** The appointment-record line, when session facts were given: also a grounding source. */
  sessionLine: string | null;
  /** The plan goals the goals section quotes, one per line, when plan goals were given: also a grounding source. */
  planGoalsText: string | null;
}

/**
 * Most statements one group of kinds gets (the groups are SOAP's sections, in every format); the most informative
 * are kept, in the order they were said.
 */
export const MAX_PER_SECTION = 10;

const LABELS: Record<string, string> = { clinician: 'Clinician', client: 'Client', dictation: '' };
const labelOf = (speaker: string) =>
  LABELS[speaker] ?? (speaker.charAt(0).toUpperCase() + speaker.slice(1)).replace(/_/g, ' ');
const speakerKind = (speaker: string, sourceKind: DraftSource['kind']): Speaker =>
  speaker === 'clinician' || speaker === 'client' ? speaker : sourceKind === 'dictation' ? 'dictation' : 'other';

/** Segments from "Label: text" lines when the source came without them; unlabeled lines are the author's. */
export function segmentsOf(source: DraftSource): DraftSourceSegment[] {
  if (source.segments && source.segments.length > 0) return [...source.segments];
  const out: DraftSourceSegment[] = [];
  let offset = 0;
  for (const line of source.text.split('\n')) {
    // Dictation is the author's own prose: a "Plan:" in it is a heading, not a speaker.
    const m = source.kind === 'dictation' ? null : /^\s*([A-Za-z][A-Za-z ]{0,20}):\s+/.exec(line);
    const start = offset + (m ? m[0].length : 0);
    const text = line.slice(m ? m[0].length : 0);
    const speaker = m ? (m[1] as string).trim().toLowerCase() : source.kind === 'dictation' ? 'dictation' : 'unknown';
    if (text.trim()) out.push({ speaker, start, end: start + text.length, text });
    offset += line.length + 1;
  }
  return out;
}

const LEADING_FILLER = /^(?:(?:um+|uh+|so|okay|ok|well|yeah|and|but|oh|hmm+|mm+)\b[,.]?\s*)+/i;
const INLINE_FILLER = /,?\s*\b(?:um+|uh+)\b,?|,\s*(?:you know|i mean),/gi;

/** Invisible and direction-changing characters: nothing a reviewer can see, so nothing a note should carry. */
const INVISIBLE = /[\u{E0000}-\u{E007F}\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/gu;

/**
 * Light normalization: invisible characters and fillers out, first letter capitalized, a closing full stop. Words
 * are never changed.
 */
export function normalizeSentence(text: string): string {
  let s = text
    .replace(INVISIBLE, '')
    .replace(LEADING_FILLER, '')
    .replace(INLINE_FILLER, ',')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/^[,;:\s]+/, '').replace(/,([.!?])$/, '$1');
  if (!s) return '';
  s = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?…"'”)]$/.test(s) ? s : `${s}.`;
}

interface Candidate {
  kind: SentenceKind;
  order: number;
  weight: number;
  text: string;
  evidence: DraftEvidence[];
}

/** The goals of the client's active treatment plan: GIRP's goals section quotes them, citing the plan. */
export interface PlanGoals {
  planId: string;
  goals: readonly string[];
}

/** Most plan goals one note quotes. */
const MAX_PLAN_GOALS = 5;
export const PLAN_GOAL_LABEL = 'Treatment plan goal';

/** Words that carry no fact of their own, so a fragment of only these is not joined to what follows. */
const PLEASANTRY_ONLY = /^(?:okay|ok|yeah|yes|no|fine|good|thanks|thank you|sure|right|mm+|hmm+|um+|uh+)[.!,]?$/i;

/**
 * A client correcting themselves ("No wait, it was seven", "Sorry, I was thinking of last week", "I need to say
 * something. It hasn't been sixteen days", "I wasn't going to tell you"): the later statement supersedes the earlier.
 */
const CORRECTION =
  /\b(?:no,? wait|wait,? (?:no|it was|it's|actually)|sorry,? (?:i (?:meant|mean|was thinking|misspoke|got (?:that|it) wrong)|that's (?:wrong|not right))|i (?:need|have|want) to (?:say|tell you|correct) something|i wasn't going to tell you|that's not (?:true|right|what happened)|that wasn't true|i (?:lied|misspoke)|let me correct|scratch that|actually,? (?:it was|it wasn't|i did|i didn't|no\b))/i;
/** A client declining a topic: documented together with what was asked. */
const DECLINE =
  /\b(?:(?:don't|do not|didn't) want to (?:talk|get into|go into|discuss|say|answer|share)|not ready|(?:i'd|i would) rather not|prefer not|not comfortable (?:talking|discussing|sharing)|can we (?:skip|not)|pass on that)\b/i;
/** An answer that only means something with its question: "Yes.", "About 80.", "Twice.", "Tuesday nights." */
const ANSWER_OPENING =
  /^(?:yes|yeah|yep|no|nope|nah|not really|sometimes|maybe|about|around|like|probably|twice|once|\d|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)/i;
const isDependentAnswer = (text: string) => ANSWER_OPENING.test(text.trim()) || contentWords(text).length < 3;

type Sentences = ReturnType<typeof splitSentences>;

/**
 * Source sentences a later correction by the same speaker retracts, by start offset. A retracted sentence shares a
 * word with the correction and states a quantity that the correction changes ("About five hours." → "Most nights
 * seven hours.") or negates ("Sixteen days." → "It hasn't been sixteen days."). When no sentence matches that way,
 * the speaker's turn just before the correction (one turn between) is what is corrected.
 */
export function supersededSentences(
  segments: readonly DraftSourceSegment[],
  sentences: readonly Sentences[],
): Set<number> {
  const out = new Set<number>();
  for (const [i, seg] of segments.entries()) {
    if (seg.speaker === 'clinician') continue;
    const mine = sentences[i] ?? [];
    if (!mine.some((s) => CORRECTION.test(s.text))) continue;
    const corrections = mine.map((s) => ({
      content: new Set(contentWords(s.text)),
      quantities: quantities(s.text),
      negated: isNegated(s.text),
    }));
    // The same quantity, now negated, anywhere in the recent session ("Sixteen days." … "It hasn't been sixteen
    // days."); a different quantity of the same thing only in the speaker's turn just before ("About five hours."
    // "Five?" "Sorry… most nights seven hours."); failing both, that whole turn.
    let found = false;
    for (let k = Math.max(0, i - 12); k < i; k++) {
      if (segments[k]?.speaker !== seg.speaker) continue;
      const previousTurn = k === i - 2 && segments[i - 1]?.speaker !== seg.speaker;
      for (const s of sentences[k] ?? []) {
        const q = quantities(s.text);
        if (q.length === 0) continue;
        const words = contentWords(s.text);
        const negated = isNegated(s.text);
        const corrected = corrections.some(
          (c) =>
            c.quantities.length > 0 &&
            words.some((w) => c.content.has(w)) &&
            ((q.some((n) => c.quantities.includes(n)) && c.negated !== negated) ||
              (previousTurn && c.quantities.some((n) => !q.includes(n)))),
        );
        if (corrected) {
          out.add(s.start);
          found = true;
        }
      }
    }
    const before = segments[i - 2];
    if (!found && before?.speaker === seg.speaker && segments[i - 1]?.speaker !== seg.speaker) {
      for (const s of sentences[i - 2] ?? []) out.add(s.start);
    }
  }
  return out;
}

/**
 * Sentences are selected the same way in every format, so a format that files several kinds into one section
 * (DAP's data) keeps what SOAP keeps: at most MAX_PER_SECTION per group of kinds, the groups being SOAP's
 * sections. Then each format files the kept sentences into its own sections.
 */
const SELECTION_GROUP: Record<SentenceKind, string> = FORMAT_SPECS.SOAP.route;

/** Drafts a note in `format` from one transcript or dictation. Pure and deterministic. */
export function draftNote(input: {
  format: DraftFormat;
  source: DraftSource;
  session?: SessionFacts;
  planGoals?: PlanGoals;
}): NoteDraft {
  const spec = FORMAT_SPECS[input.format];
  const { source } = input;
  const candidates: Candidate[] = [];
  const segments = segmentsOf(source);
  const sentencesOf = segments.map((seg) => splitSentences(seg.text, seg.start));
  const retracted = supersededSentences(segments, sentencesOf);
  /** Sentences already used as an answer or a continuation, by start offset. */
  const consumed = new Set<number>();
  const evidence = (s: { start: number; end: number; text: string }): DraftEvidence => ({
    sourceId: source.id,
    sourceType: 'transcript',
    start: s.start,
    end: s.end,
    quote: s.text,
  });
  let afterIntervention = false;
  let order = 0;
  for (const [i, seg] of segments.entries()) {
    const speaker = speakerKind(seg.speaker, source.kind);
    const sentences = sentencesOf[i] ?? [];
    const next = segments[i + 1];
    const answers = (max: number) =>
      next && next.speaker !== seg.speaker
        ? (sentencesOf[i + 1] ?? []).filter((a) => !retracted.has(a.start) && !consumed.has(a.start)).slice(0, max)
        : [];
    let sawIntervention = false;
    for (const [j, sentence] of sentences.entries()) {
      order++;
      if (retracted.has(sentence.start) || consumed.has(sentence.start)) continue;
      // A risk question keeps its answer: "No." alone documents nothing, the question alone asserts nothing.
      if (speaker === 'clinician' && isRiskQuestion(sentence.text)) {
        const answer = answers(3);
        const said = answer.map((a) => normalizeSentence(a.text)).filter(Boolean);
        if (next && said.length > 0) {
          for (const a of answer) consumed.add(a.start);
          candidates.push({
            kind: 'risk',
            order,
            weight: 100,
            text: `Risk screen — ${labelOf(seg.speaker)}: ${normalizeSentence(sentence.text)} ${labelOf(next.speaker)}: ${said.join(' ')}`,
            evidence: [evidence(sentence), ...answer.map(evidence)],
          });
        }
        continue;
      }
      // The clinician's last words and an answer that needs them ("Any drooling at night?" "Yeah, most
      // mornings."), or a topic the client declines: kept together, as one statement.
      if (speaker === 'clinician' && next && j === sentences.length - 1) {
        const answer = answers(2);
        const first = answer[0];
        const isQuestion = sentence.text.trim().endsWith('?');
        const declined = answer.some((a) => DECLINE.test(a.text));
        if (first && next.speaker !== 'clinician' && (declined || (isQuestion && isDependentAnswer(first.text)))) {
          const said = answer.map((a) => normalizeSentence(a.text)).filter(Boolean);
          const both = `${sentence.text} ${answer.map((a) => a.text).join(' ')}`;
          const asked = classify(sentence.text, 'clinician', false);
          const kind: Classified | null =
            asked && (asked.kind === 'plan' || asked.kind === 'intervention')
              ? asked
              : declined
                ? { kind: 'report', weight: contentWords(both).length + 2 }
                : classify(both, speakerKind(next.speaker, source.kind) === 'client' ? 'client' : 'other', false);
          if (kind && said.length > 0) {
            if (kind.kind === 'intervention') sawIntervention = true;
            for (const a of answer) consumed.add(a.start);
            candidates.push({
              kind: kind.kind,
              order,
              weight: kind.weight,
              text: `${labelOf(seg.speaker)}: ${normalizeSentence(sentence.text)} ${labelOf(next.speaker)}: ${said.join(' ')}`,
              evidence: [evidence(sentence), ...answer.map(evidence)],
            });
            continue;
          }
        }
      }
      let kind: Classified | null = classify(sentence.text, speaker, afterIntervention);
      let used = [sentence];
      // A fragment too short to stand alone ("Thanksgiving was hard.") is kept with what the speaker says next.
      const following = sentences[j + 1];
      if (
        !kind &&
        speaker !== 'clinician' &&
        following &&
        contentWords(sentence.text).length > 0 &&
        !retracted.has(following.start) &&
        !PLEASANTRY_ONLY.test(sentence.text)
      ) {
        const joined = classify(`${sentence.text} ${following.text}`, speaker, afterIntervention);
        if (joined) {
          kind = joined;
          used = [sentence, following];
          consumed.add(following.start);
        }
      }
      if (!kind) continue;
      if (kind.kind === 'intervention') sawIntervention = true;
      const text = used
        .map((s) => normalizeSentence(s.text))
        .filter(Boolean)
        .join(' ');
      if (!text) continue;
      const label = labelOf(seg.speaker);
      candidates.push({
        kind: kind.kind,
        order,
        weight: kind.weight,
        text: label ? `${label}: ${text}` : text,
        evidence: used.map(evidence),
      });
    }
    if (speaker === 'clinician') afterIntervention = sawIntervention;
  }

  const kept = new Set<Candidate>();
  for (const group of new Set(Object.values(SELECTION_GROUP))) {
    const mine = candidates.filter((c) => SELECTION_GROUP[c.kind] === group);
    for (const c of [...mine].sort((a, b) => b.weight - a.weight || a.order - b.order).slice(0, MAX_PER_SECTION))
      kept.add(c);
  }
  const chosen = new Map<string, Candidate[]>();
  for (const s of spec.sections) {
    chosen.set(
      s.key,
      candidates.filter((c) => kept.has(c) && spec.route[c.kind] === s.key),
    );
  }

  const sessionLine = input.session
    ? `Session: ${input.session.date}, ${input.session.startTime}–${input.session.endTime}, ${input.session.minutes} minutes, ${input.session.modality.replace(/_/g, ' ')}, ${input.session.serviceType.replace(/_/g, ' ')}.`
    : null;

  const goals = spec.goalsSection
    ? (input.planGoals?.goals ?? [])
        .map((g) => g.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .slice(0, MAX_PLAN_GOALS)
    : [];
  const sections: Record<string, string> = {};
  const statements: DraftedStatement[] = [];
  const emptySections: string[] = [];
  for (const s of spec.sections) {
    const lines: string[] = [];
    let offset = 0;
    const add = (text: string, evidence: DraftEvidence[]) => {
      statements.push({ section: s.key, start: offset, end: offset + text.length, text, evidence });
      lines.push(text);
      offset += text.length + 1;
    };
    if (sessionLine && input.session && s.key === spec.sessionSection) {
      add(sessionLine, [
        {
          sourceId: input.session.appointmentId,
          sourceType: 'appointment',
          start: 0,
          end: sessionLine.length,
          quote: sessionLine,
        },
      ]);
    }
    if (goals.length > 0 && input.planGoals && s.key === spec.goalsSection) {
      let at = 0;
      for (const goal of goals) {
        add(`${PLAN_GOAL_LABEL}: ${goal}`, [
          {
            sourceId: input.planGoals.planId,
            sourceType: 'treatment_plan',
            start: at,
            end: at + goal.length,
            quote: goal,
          },
        ]);
        at += goal.length + 1;
      }
    }
    for (const c of chosen.get(s.key) ?? []) add(c.text, c.evidence);
    if (lines.length === 0) {
      emptySections.push(s.key);
      sections[s.key] = EMPTY_SECTION_MARKER;
    } else {
      sections[s.key] = lines.join('\n');
    }
  }
  return {
    format: input.format,
    sections,
    statements,
    emptySections,
    sessionLine,
    planGoalsText: goals.length > 0 ? goals.join('\n') : null,
  };
}
