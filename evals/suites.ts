import { chartSuite } from './chart/suite.ts';
import { codingSuite } from './coding/suite.ts';
import type { Suite } from './harness/types.ts';
import { notesSuite } from './notes/suite.ts';
import { phiSuite } from './phi/suite.ts';
import { redTeamSuite } from './redteam/suite.ts';
import { routingSuite } from './routing/suite.ts';
import { triageSuite } from './triage/suite.ts';

/** Every suite the runner knows, by name. */
export const SUITES: Record<string, Suite> = {
  routing: routingSuite,
  redteam: redTeamSuite,
  triage: triageSuite,
  coding: codingSuite,
  notes: notesSuite,
  chart: chartSuite,
  phi: phiSuite,
};
