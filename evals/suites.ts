import type { Suite } from './harness/types.ts';
import { redTeamSuite } from './redteam/suite.ts';
import { routingSuite } from './routing/suite.ts';

/** Every suite the runner knows, by name. */
export const SUITES: Record<string, Suite> = {
  routing: routingSuite,
  redteam: redTeamSuite,
};
