import { describe } from 'vitest';
import type { Backend } from '../../test/databases.ts';
import { describeConcurrency } from './gateway.contract.concurrency.ts';
import { describeDraftWriter } from './gateway.contract.drafts.ts';
import { describeRiskFlagReview } from './gateway.contract.flag-review.ts';
import { describeDatabaseGuards } from './gateway.contract.guards.ts';
import { describeHumanActions } from './gateway.contract.human.ts';
import { describePagination } from './gateway.contract.pagination.ts';
import { describeReads } from './gateway.contract.reads.ts';
import { describeRecordReads } from './gateway.contract.records.ts';
import { describeOtherDrafts } from './gateway.contract.replies.ts';
import { describePracticeWalls } from './gateway.contract.walls.ts';

/**
 * The storage contract of the EHR gateway: what every adapter must do, whichever engine is underneath. Each group
 * opens its own seeded database (see gateway.contract.harness.ts), so groups that write cannot disturb the reads.
 * Run it once per backend from a `*.int.test.ts` file.
 */
export function describeGatewayContract(backend: Backend): void {
  describe(`EHR gateway contract on ${backend === 'pglite' ? 'PGlite' : 'PostgreSQL'}`, () => {
    describePracticeWalls(backend);
    describeReads(backend);
    describeRecordReads(backend);
    describePagination(backend);
    describeDraftWriter(backend);
    describeOtherDrafts(backend);
    describeHumanActions(backend);
    describeRiskFlagReview(backend);
    describeDatabaseGuards(backend);
    describeConcurrency(backend);
  });
}
