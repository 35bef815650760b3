/**
 * What the policy pipeline and the audit chain cost per tool call, against the bare gateway read they wrap.
 *
 *   npm run bench -- bench/pipeline.ts
 *
 * Baseline: `gateway.forPractice(p).read.clients.get(id)`, `diagnoses(id)` and `careTeam(id)` — the reads get_client
 * makes for its answer. Measured:
 * the same call as `get_client` through the pipeline (authorize, scope, walls, validate, bound, audit) with the real
 * hash-chained SQL audit log, sequentially and with 16 callers at once (group commit). Embedded PGlite in memory.
 */

import { createSqlAuditLog } from '../ehr/sql/audit-log.ts';
import { connect } from '../ehr/sql/connect.ts';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { migrateToLatest } from '../ehr/sql/migrate.ts';
import { buildDemoData } from '../ehr/sql/seed/build.ts';
import { loadRows } from '../ehr/sql/seed/load.ts';
import { hmacCheckpointKey } from '../policies/audit/checkpoint.ts';
import { createPipeline } from '../policies/pipeline.ts';
import type { Principal } from '../policies/principal.ts';
import { allTools } from '../tools/index.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);

const database = await connect({ kind: 'pglite-memory' });
await migrateToLatest(database.db);
const demo = buildDemoData({ seed: 20261122, anchor: '2026-11-22' });
await loadRows(database.db, demo.rows);
const gateway = sqlGateway(database);
const audit = createSqlAuditLog(database.db, { signer: hmacCheckpointKey(Buffer.alloc(32, 1)) });
const pipeline = createPipeline({ tools: allTools, gateway, audit });

const avery: Principal = {
  userId: 'usr_avery_chen',
  username: 'avery.chen',
  role: 'clinician',
  practiceId: 'prc_lakeside',
  surface: 'mcp',
  clientApp: 'bench',
};
const today = new Date().toISOString().slice(0, 10);
const clientIds = demo.rows.caseloadAssignments
  .filter((a) => a.clinicianId === avery.userId && ((a.endedOn ?? null) === null || (a.endedOn ?? '') >= today))
  .map((a) => a.clientId)
  .filter((id) => !demo.rows.clients.find((c) => c.id === id)?.part2);
if (clientIds.length === 0) throw new Error('no client in the demo caseload');
const pick = (i: number) => clientIds[i % clientIds.length] as string;

async function time(label: string, rounds: number, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await run(i); // warm up
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await run(i);
  const perCall = (performance.now() - started) / rounds;
  console.log(`${label.padEnd(52)} ${perCall.toFixed(3)} ms/call`);
  return perCall;
}

const read = gateway.forPractice(avery.practiceId).read;
const baseline = await time('baseline: gateway reads (client, diagnoses, team)', ROUNDS, async (i) => {
  await read.clients.get(pick(i));
  await Promise.all([read.clients.diagnoses(pick(i)), read.clients.careTeam(pick(i))]);
});
const piped = await time('get_client through the pipeline + audit chain', ROUNDS, async (i) => {
  const result = await pipeline.callTool(avery, 'get_client', { clientId: pick(i) });
  if (!result.ok) throw new Error(result.error.message);
});
const denied = await time('denied call (out of practice) + audit chain', ROUNDS, async () => {
  await pipeline.callTool(avery, 'list_claims', {});
});
const concurrent = await time('16 concurrent get_client calls, per batch', ROUNDS / 16, async (i) => {
  await Promise.all(
    Array.from({ length: 16 }, (_, k) => pipeline.callTool(avery, 'get_client', { clientId: pick(i * 16 + k) })),
  );
});

console.log('');
console.log(`pipeline / baseline:            ${(piped / baseline).toFixed(2)}×`);
console.log(`denial / baseline:              ${(denied / baseline).toFixed(2)}×`);
console.log(`concurrent per call / baseline: ${(concurrent / 16 / baseline).toFixed(2)}×`);
await audit.close();
await database.close();
