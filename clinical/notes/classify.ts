/**
 * Sorts source sentences into what they are about (a report, a measure, an intervention, a plan…) by cue words and
 * who spoke. Deliberately conservative: a clinician sentence with no cue is left out, because small talk and
 * questions are not documentation.
 */
import { RISK_TOPIC } from '../grounding/lexicon.ts';
import { contentWords, quantities } from '../grounding/text.ts';
import { INTERVENTION_CUES, type SentenceKind } from './formats.ts';

export type Speaker = 'clinician' | 'client' | 'other' | 'dictation';

const PLAN =
  /^plan\b|\b(?:next (?:week|session|time|appointment|steps?)|same time|homework|for the (?:coming )?week|between now and|plan (?:is|for)|let's plan|schedul\w*|follow[- ]up|refer\w*|see you|we'll (?:meet|check|review|start|keep)|i'll (?:try|put|do|call|practice|log|write|bring|text|talk|use|keep)|keep (?:doing|the|going)|try (?:to|again|it)|will (?:try|practice|log|call|continue|start|meet|follow|review|increase|decrease|reduce|stay)|(?:mon|tues|wednes|thurs|fri|satur|sun)day at \d|in (?:two|three|four|2|3|4) weeks)\b/i;
/** The next appointment itself: the one thing a clinician's question can document ("Same time next week?"). */
const NEXT_SESSION =
  /\b(?:next (?:week|session|time|appointment)|same time|(?:mon|tues|wednes|thurs|fri|satur|sun)day at \d|in (?:two|three|four|2|3|4) weeks)\b/i;
/** A dictated sentence about the client ("Client reported…", "She continues…") rather than about the clinician. */
const CLIENT_SUBJECT = /^(?:the )?(?:client|patient|she|he|they|parent|mother|father|partner|couple)\b/i;
const GOAL = /\b(?:goals?|objectives?|work(?:ing)? on|treatment plan|want to be able|hoping to|target|the aim)\b/i;
const MEASURE =
  /\b(?:PHQ|GAD|PCL|AUDIT|scored?|score was|out of (?:10|ten)|percent|rated?|rating|SUDS|\d+ (?:hours?|days?|nights?|minutes|times|drinks?|milligrams|mg|pounds|weeks))\b|\b\d+ percent\b/i;
const RISK_EXTRA =
  /\b(?:safety plan|intent to (?:act|die|harm|hurt|kill)|crisis line|988|means|firearms?|guns?|lethal|safe at home|unsafe|been hurt|warning signs)\b/i;

/** A clinician question that screens for risk: kept together with the answer that follows it. */
export const isRiskQuestion = (text: string) =>
  text.trim().endsWith('?') && (RISK_TOPIC.test(text) || RISK_EXTRA.test(text));
const OBSERVATION =
  /\b(?:you (?:seem|look|appear)|i notice|i noticed|appears?|affect|tearful|eye contact|fidget\w*|restless|smil\w*|crying|your voice|you're (?:smiling|sitting))\b/i;
const ASSESSMENT =
  /\b(?:progress|improv\w*|better|worse|pattern|consistent\w*|lift|that's (?:exactly|a (?:real|big|good|lot))|sounds like|makes sense|strength|harder|down from|up from|key|important|big step|working)\b/i;
const RESPONSE =
  /\b(?:helps?|helped|that works|i can (?:try|do)|makes sense|i see|felt (?:calmer|better|lighter)|doable|i'll try|lower|went down|i like that|i get it|that's true|i guess that's|calmer|easier)\b/i;
const PLEASANTRY =
  /^(?:(?:thanks|thank you|good to see|come (?:on )?in|hi|hello|bye|see you|you too|mm+)\b|okay\.?$|yeah\.?$)/i;

export interface Classified {
  kind: SentenceKind;
  /** How much a sentence says: used to keep the most informative ones when a section would overflow. */
  weight: number;
}

/**
 * The kind of one sentence, or null when it should stay out of a note. `afterIntervention` is true when the
 * previous clinician turn was an intervention: what the client says next is their response to it.
 */
export function classify(text: string, speaker: Speaker, afterIntervention: boolean): Classified | null {
  const content = contentWords(text).length;
  const isQuestion = text.trim().endsWith('?');
  const risk = RISK_TOPIC.test(text) || RISK_EXTRA.test(text);
  const plan = PLAN.test(text);
  if (content < 2 && !risk && !(content === 1 && quantities(text).length > 0)) return null;
  if (PLEASANTRY.test(text) && !plan) return null;
  const weight = content + 2 * quantities(text).length + (risk ? 3 : 0);
  const as = (kind: SentenceKind): Classified => ({ kind, weight });
  if (speaker === 'clinician') {
    // A question asserts nothing, but the next appointment and a technique in action ("What does the evidence
    // say…?") are documented by it.
    if (isQuestion)
      return NEXT_SESSION.test(text) ? as('plan') : INTERVENTION_CUES.test(text) ? as('intervention') : null;
    if (risk) return as('risk');
    if (plan) return as('plan');
    if (MEASURE.test(text) || quantities(text).length > 0) return as('measure');
    if (INTERVENTION_CUES.test(text)) return as('intervention');
    if (OBSERVATION.test(text)) return as('observation');
    if (GOAL.test(text)) return as('goal');
    if (ASSESSMENT.test(text)) return as('assessment');
    return null;
  }
  if (isQuestion) return null;
  if (speaker === 'dictation' && CLIENT_SUBJECT.test(text)) {
    if (risk) return as('risk');
    if (plan) return as('plan');
    if (RESPONSE.test(text)) return as('response');
    if (MEASURE.test(text)) return as('measure');
    return as('report');
  }
  if (speaker === 'dictation') {
    if (risk) return as('risk');
    if (plan) return as('plan');
    if (GOAL.test(text)) return as('goal');
    if (INTERVENTION_CUES.test(text)) return as('intervention');
    if (RESPONSE.test(text)) return as('response');
    if (MEASURE.test(text)) return as('measure');
    if (OBSERVATION.test(text)) return as('observation');
    if (ASSESSMENT.test(text)) return as('assessment');
    return as('report');
  }
  if (risk) return as('risk');
  if (plan) return as('plan');
  if (GOAL.test(text)) return as('goal');
  if (afterIntervention && RESPONSE.test(text)) return as('response');
  if (MEASURE.test(text) || (content >= 2 && quantities(text).length > 0)) return as('measure');
  if (RESPONSE.test(text)) return as('response');
  return content >= 3 ? as('report') : null;
}
