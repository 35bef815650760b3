/**
 * The eval runner.
 *
 *   npm run evals -- --suite <name|all> [--model offline|azure|openai-compatible] [--out <dir>] [--thresholds <file>]
 *
 * The model settings come from the environment as for the server (CHARTA_MODEL, AZURE_*, OPENAI_COMPATIBLE_*);
 * `--model` picks the kind. Reports go to evals/results/<timestamp>/ (git-ignored): one JSON per suite,
 * report.md and report.html with the failing cases side by side. Exits 1 when a threshold in evals/thresholds.json
 * is missed. With LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY and LANGFUSE_BASE_URL set, the run is also exported as a
 * Langfuse dataset run per suite (evals/harness/langfuse-export.ts); an export failure is reported, exit 3.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chatModel } from '../agent/models.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { EVAL_TODAY } from './harness/env.ts';
import { exportToLangfuse, langfuseSettingsFromEnv, redactor } from './harness/langfuse-export.ts';
import { writeReports } from './harness/report.ts';
import { loadThresholds, runSuites } from './harness/run-suites.ts';
import { CANARIES } from './phi/canaries.ts';
import { SUITES } from './suites.ts';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'all' },
    model: { type: 'string', default: 'offline' },
    out: { type: 'string' },
    thresholds: { type: 'string' },
  },
});
const names = values.suite === 'all' ? Object.keys(SUITES) : (values.suite ?? '').split(',');
const unknown = names.filter((n) => !SUITES[n]);
if (unknown.length > 0) {
  console.error(`unknown suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}, all`);
  process.exit(2);
}
if (!['offline', 'azure', 'openai-compatible'].includes(values.model ?? '')) {
  console.error('--model must be offline, azure or openai-compatible');
  process.exit(2);
}
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig({ ...process.env, CHARTA_MODEL: values.model });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
// The offline assistant's "today" is the demo's, so date-relative requests have stable expectations.
const model = chatModel(config.model, { today: () => EVAL_TODAY });
const thresholds = loadThresholds(values.thresholds);
const started = new Date().toISOString();
const out = values.out ?? join(import.meta.dirname, 'results', started.replace(/[:.]/g, '-'));

console.log(`evals: ${names.join(', ')} with ${model.label}`);
// What the Langfuse export must not send: the demo's record ids and names, and the PHI suite's canaries.
const secrets: Record<string, string> = Object.fromEntries(CANARIES.map((c, i) => [`${c.kind}_${i}`, c.value]));
const runStart = performance.now();
const reports = await runSuites(
  names.map((n) => SUITES[n] as NonNullable<(typeof SUITES)[string]>),
  model,
  {
    thresholds,
    onEnv: (env) => Object.assign(secrets, env.refs),
    onProgress: (suite, done, total) => {
      if (done === 1) console.log(`▶ ${suite}: ${total} cases`);
      if (done === total || done % 10 === 0) console.log(`  ${suite}: ${done}/${total}`);
    },
    onSuiteDone: (r, ms) =>
      console.log(
        `✓ ${r.suite}: ${r.cases - r.failures.length}/${r.cases} pass, ${r.misses.length} threshold miss(es), ${(ms / 1000).toFixed(1)} s`,
      ),
  },
);
console.log(`all suites: ${((performance.now() - runStart) / 1000).toFixed(1)} s`);
await writeReports(out, reports, thresholds, started);
const langfuse = langfuseSettingsFromEnv(process.env);
let exportFailed = false;
if (langfuse) {
  try {
    const s = await exportToLangfuse(reports, langfuse, {
      runName: `${started} ${model.label}`,
      redact: redactor(secrets),
    });
    console.log(`langfuse: run "${s.runName}" in ${s.datasets.join(', ')}: ${s.items} items, ${s.scores} scores`);
  } catch (error) {
    exportFailed = true;
    console.error(`langfuse export failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
let missed = 0;
for (const r of reports) {
  console.log(`\n${r.suite}: ${r.cases - r.failures.length}/${r.cases} cases pass`);
  for (const [metric, value] of Object.entries(r.metrics)) {
    const miss = r.misses.find((m) => m.metric === metric);
    console.log(
      `  ${metric.padEnd(26)} ${value.toFixed(3)}${miss ? `  MISSED ${JSON.stringify(miss.threshold)}` : ''}`,
    );
  }
  missed += r.misses.length;
}
console.log(`\nreport: ${join(out, 'report.md')} and report.html`);
process.exit(missed > 0 ? 1 : exportFailed ? 3 : 0);
