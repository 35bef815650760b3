import { buildClaims } from './build-claims.ts';
import { buildInbox } from './build-inbox.ts';
import { buildIntake } from './build-intake.ts';
import { buildMeasures } from './build-measures.ts';
import { buildNotes } from './build-notes.ts';
import { buildClients, buildStaff } from './build-people.ts';
import { buildPlans } from './build-plans.ts';
import { buildSchedule } from './build-schedule.ts';
import { DEMO_PRACTICES } from './content/people.ts';
import { emptyRows, type PracticeContext, type SeedAnnotations, type SeedResult } from './model.ts';
import { Prng } from './prng.ts';

export interface SeedOptions {
  /** Same seed and anchor, byte-identical data. */
  seed: number;
  /** The demo's "today" (YYYY-MM-DD): past sessions lie before it, upcoming ones after. */
  anchor: string;
}

export const DEFAULT_SEED = 20261122;

/**
 * Builds the whole demo dataset in memory, deterministically. Pure: no clock, no Math.random, no I/O — the
 * caller decides the anchor date and loads the rows.
 */
export function buildDemoData(options: SeedOptions): SeedResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.anchor) || Number.isNaN(Date.parse(options.anchor))) {
    throw new RangeError(`anchor must be a date (YYYY-MM-DD), got ${options.anchor}`);
  }
  const rows = emptyRows();
  const annotations: SeedAnnotations = { transcriptAppointments: {}, messages: {}, claimErrors: {} };
  const root = new Prng(options.seed);
  for (const spec of DEMO_PRACTICES) {
    const ctx: PracticeContext = {
      spec,
      anchor: options.anchor,
      rng: root.fork(spec.id),
      userIds: new Map(),
      clients: [],
      rows,
      annotations,
    };
    buildStaff(ctx);
    buildClients(ctx);
    const appointments = buildSchedule(ctx);
    const measureLines = buildMeasures(ctx, appointments);
    buildNotes(ctx, appointments, measureLines);
    buildInbox(ctx);
    buildPlans(ctx, appointments);
    buildIntake(ctx);
    buildClaims(ctx, appointments);
  }
  return { rows, annotations };
}
