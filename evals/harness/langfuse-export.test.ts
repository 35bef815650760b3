import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatModel } from '../../agent/models.ts';
import { CANARIES, CANARY } from '../phi/canaries.ts';
import { PHI_CASES, PHI_MODES, phiSuiteWith } from '../phi/suite.ts';
import { EVAL_TODAY } from './env.ts';
import { exportToLangfuse, langfuseSettingsFromEnv, redactor } from './langfuse-export.ts';
import { type LangfuseReceiver, startLangfuseReceiver } from './langfuse-receiver.ts';
import { runSuites } from './run-suites.ts';
import type { SuiteReport } from './types.ts';

let receiver: LangfuseReceiver;
beforeAll(async () => {
  receiver = await startLangfuseReceiver();
});
afterAll(async () => {
  await receiver.close();
});

const offline = chatModel({ kind: 'offline' } as never, { today: () => EVAL_TODAY });
type Body = Record<string, unknown>;

describe('langfuseSettingsFromEnv', () => {
  it('needs all three of key, secret and base URL', () => {
    expect(langfuseSettingsFromEnv({ LANGFUSE_PUBLIC_KEY: 'pk', LANGFUSE_SECRET_KEY: 'sk' })).toBeNull();
    expect(
      langfuseSettingsFromEnv({ LANGFUSE_PUBLIC_KEY: 'pk', LANGFUSE_SECRET_KEY: 'sk', LANGFUSE_BASE_URL: 'http://x/' }),
    ).toEqual({ publicKey: 'pk', secretKey: 'sk', baseUrl: 'http://x' });
  });
});

describe('the Langfuse export, against a local receiver', () => {
  it('sends a dataset, its items, one trace and run item per case, scores per case and per run — and no PHI', async () => {
    const refs: Record<string, string> = {};
    const suite = phiSuiteWith(PHI_MODES.slice(0, 1), PHI_CASES.slice(0, 3));
    const [phi] = (await runSuites([suite], offline, { onEnv: (env) => Object.assign(refs, env.refs) })) as [
      SuiteReport,
    ];
    // A case whose expectation names a client and a canary, as red-team expectations do: both must be redacted.
    const leaky: SuiteReport = {
      ...phi,
      suite: 'redaction',
      results: [
        {
          id: 'r1',
          pass: false,
          expected: `injection fails for ${refs.ownName} (${refs.own}), ${CANARY.first} ${CANARY.last} ${CANARY.phone}`,
          got: `answer quoting ${CANARY.email}`,
          scores: { success: 1 },
        },
      ],
    };
    const secrets = { ...refs, ...Object.fromEntries(CANARIES.map((c, i) => [`${c.kind}_${i}`, c.value])) };
    const before = receiver.requests.length;
    const summary = await exportToLangfuse(
      [phi, leaky],
      { publicKey: 'pk-lf-test', secretKey: 'sk-lf-test', baseUrl: receiver.baseUrl },
      { runName: 'run-1', redact: redactor(secrets) },
    );
    const sent = receiver.requests.slice(before);
    const bodies = (suffix: string) =>
      sent.filter((r) => r.path.endsWith(suffix)).map((r) => JSON.parse(r.body) as Body);

    expect(summary).toMatchObject({ datasets: ['charta-phi', 'charta-redaction'], items: 4 });
    expect(new Set(sent.map((r) => r.authorization))).toEqual(
      new Set([`Basic ${Buffer.from('pk-lf-test:sk-lf-test').toString('base64')}`]),
    );
    expect(bodies('/api/public/v2/datasets').map((b) => b.name)).toEqual(['charta-phi', 'charta-redaction']);
    const items = bodies('/api/public/dataset-items');
    expect(items.map((b) => b.input)).toContainEqual({ suite: 'phi', caseId: 'phi01/pseudonymize' });
    expect(items.every((b) => typeof b.id === 'string' && (b.id as string).startsWith('charta-'))).toBe(true);

    const events = bodies('/api/public/ingestion').flatMap((b) => b.batch as { type: string; body: Body }[]);
    const traces = events.filter((e) => e.type === 'trace-create').map((e) => e.body.id);
    const scores = events.filter((e) => e.type === 'score-create').map((e) => e.body);
    expect(traces).toHaveLength(4);
    expect(scores.filter((s) => s.name === 'pass')).toHaveLength(4);
    expect(scores.some((s) => s.name === 'trace' && traces.includes(s.traceId))).toBe(true);

    const runItems = bodies('/api/public/dataset-run-items');
    expect(runItems).toHaveLength(4);
    for (const item of runItems) {
      expect(item.runName).toBe('run-1');
      expect(traces).toContain(item.traceId);
      expect(items.map((i) => i.id)).toContain(item.datasetItemId);
    }
    const runScores = bodies('/api/public/scores');
    expect(runScores.map((s) => s.name)).toEqual(expect.arrayContaining(Object.keys(phi.metrics)));
    expect(runScores.every((s) => s.datasetRunId === 'run-run-1')).toBe(true);

    const everything = sent.map((r) => r.body).join('\n');
    for (const c of CANARIES) expect(everything, c.kind).not.toContain(c.value);
    for (const key of ['own', 'ownName', 'otherPracticeName'])
      expect(everything, key).not.toContain(refs[key] as string);
    expect(everything).toContain('{{ownName}}');
  }, 60_000);
});
