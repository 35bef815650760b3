/** The seed and anchor every test database is built from, so expectations about the demo are stable. */
export const TEST_SEED = 20261122;
export const TEST_ANCHOR = '2026-11-22';
