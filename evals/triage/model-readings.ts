/**
 * Recorded model readings: what a language model answered, given the exact instructions charta sends
 * (clinical/triage/model-opinion.ts TRIAGE_INSTRUCTIONS), for each message of a labelled set. Replaying them through
 * the same code the product runs (opinionFrom, then mergeWithFloor over the deterministic engine) measures the
 * engine with a model configured, which this machine cannot call live. model-readings/README.md says who read what.
 *
 *   npm run evals:triage-round -- --model sealed52 sealed53 sealed54
 */
import { join } from 'node:path';
import { classifyMessage, type Triage } from '../../clinical/triage/classify.ts';
import { mergeWithFloor } from '../../clinical/triage/floor.ts';
import { ModelTriageAnswer, opinionFrom } from '../../clinical/triage/model-opinion.ts';
import { readJsonl } from '../harness/jsonl.ts';
import { figuresOf, formatFigures, type RoundFigures } from './first-run.ts';
import { outcomeOf } from './measure.ts';
import { type LabelledTriageMessage, readTriageSet } from './sets.ts';

export const READINGS_DIR = join(import.meta.dirname, 'model-readings');

export const readingsPath = (set: string, reader: string) => join(READINGS_DIR, `${set}.${reader}.jsonl`);

/** One reader's answers for a set, by message id; a line off the answer contract names its id and fails loudly. */
export function readReadings(set: string, reader: string): Map<string, ModelTriageAnswer> {
  const out = new Map<string, ModelTriageAnswer>();
  for (const line of readJsonl<{ id?: unknown }>(readingsPath(set, reader))) {
    const id = typeof line.id === 'string' ? line.id : '';
    const parsed = ModelTriageAnswer.safeParse(line);
    if (!id || !parsed.success) throw new Error(`${set}.${reader}: reading ${id || '(no id)'} is off the contract`);
    if (out.has(id)) throw new Error(`${set}.${reader}: two readings for ${id}`);
    out.set(id, parsed.data);
  }
  return out;
}

export interface ReplayedMessage {
  message: LabelledTriageMessage;
  floor: Triage;
  merged: Triage;
  /** The model's own answer as a Triage, without the floor: for comparison only, never what charta shows. */
  alone: Triage;
}

/** Every message of the set through the floor, the model's reading and the merge, as the product runs them. */
export function replay(
  cases: readonly LabelledTriageMessage[],
  readings: ReadonlyMap<string, ModelTriageAnswer>,
): ReplayedMessage[] {
  return cases.map((message) => {
    const answer = readings.get(message.id);
    if (!answer) throw new Error(`no model reading for ${message.id}`);
    const floor = classifyMessage(message.text);
    const opinion = opinionFrom(message.text, answer);
    const alone: Triage = {
      categories: [...(opinion.categories ?? [])],
      urgency: answer.urgency,
      escalate: answer.urgency !== 'routine',
      reasons: [...(opinion.reasons ?? [])],
      discounted: [],
      source: 'rules+model',
    };
    return { message, floor, merged: mergeWithFloor(floor, opinion), alone };
  });
}

/** Figures for the floor alone, the model alone and the two merged, over the same messages. */
export function replayFigures(name: string, replayed: readonly ReplayedMessage[]) {
  const of = (pick: (r: ReplayedMessage) => Triage): RoundFigures =>
    figuresOf(
      name,
      replayed.map((r) => outcomeOf(r.message, pick(r))),
    );
  return { floor: of((r) => r.floor), alone: of((r) => r.alone), merged: of((r) => r.merged) };
}

/** Each set and all together: the floor, the model alone, and what charta shows (the merge). */
export function printModelRound(sets: readonly string[], reader: string): void {
  const all: ReplayedMessage[] = [];
  for (const name of sets) {
    const replayed = replay(readTriageSet(name), readReadings(name, reader));
    all.push(...replayed);
    printRow(name, replayFigures(name, replayed));
  }
  if (sets.length > 1) printRow('together', replayFigures('together', all));
}

function printRow(name: string, f: ReturnType<typeof replayFigures>): void {
  console.log(
    `${name}: floor+model ${formatFigures(f.merged)}   floor ${formatFigures(f.floor)}   model alone ${formatFigures(f.alone)}`,
  );
}
