import { describe } from 'vitest';
import { TEST_DATABASE_URL } from '../../test/databases.ts';
import { describeGatewayContract } from './gateway.contract.ts';

// The same contract on a real PostgreSQL server, which needs one: CI sets TEST_DATABASE_URL (for example
// postgres://postgres@127.0.0.1:5432/test); without it this suite is skipped and the PGlite run still covers the adapter.
describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL (TEST_DATABASE_URL)', () => {
  describeGatewayContract('postgres');
});
