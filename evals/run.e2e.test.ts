import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAi, startFakeOpenAi } from '../test/fake-openai.ts';
import type { SuiteReport } from './harness/types.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs the eval runner the way `npm run evals -- …` does (tsx evals/run.ts), as a child process with a clean
 * environment of our choosing, and collects its output and exit code.
 */
function runEvals(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'evals', 'run.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  // Bounded: a runner that hangs is killed (exit code null) and the test fails.
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe('the eval runner against an OpenAI-compatible endpoint (a local fake that always lists appointments)', () => {
  let fake: FakeOpenAi;
  let out: string;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    out = await mkdtemp(join(tmpdir(), 'charta-evals-e2e-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(out, { recursive: true, force: true });
  });

  it('runs the routing suite through the endpoint, writes the reports, and exits 1 naming the missed thresholds', async () => {
    const started = Date.now();
    const run = await runEvals(['--suite', 'routing', '--model', 'openai-compatible', '--out', out], {
      OPENAI_COMPATIBLE_BASE_URL: fake.baseUrl,
      OPENAI_COMPATIBLE_MODEL: 'fake-llm',
    });
    // Standalone on a busy 2-core machine: ~16 s, of which ~9 s opening the demo database and ~4 s the 69 cases.
    console.log(`runner: exit ${run.code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(run.stdout).toContain('evals: routing with fake-llm (OpenAI-compatible endpoint)');

    // The runner's turns reached the endpoint as streamed chat completions with the chat tools offered.
    const chats = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chats.length).toBeGreaterThanOrEqual(60);
    expect(chats[0]?.body).toMatchObject({ model: 'fake-llm', stream: true });
    const offered = ((chats[0]?.body.tools ?? []) as { function: { name: string } }[]).map((t) => t.function.name);
    expect(offered.length).toBeGreaterThan(1);
    // Tool results went back to the model: the second step of a turn carries a tool message.
    expect(chats.some((r) => (r.body.messages as { role: string }[]).some((m) => m.role === 'tool'))).toBe(true);

    expect((await readdir(out)).sort()).toEqual(['report.html', 'report.md', 'routing.json']);
    const report = JSON.parse(await readFile(join(out, 'routing.json'), 'utf8')) as SuiteReport;
    expect(report.model).toBe('fake-llm (OpenAI-compatible endpoint)');
    expect(report.cases).toBeGreaterThanOrEqual(60);
    const missed = report.misses.map((m) => m.metric);
    expect(missed).toEqual(expect.arrayContaining(['tool_accuracy', 'argument_accuracy']));
    // The exit code agrees with the thresholds printed: every miss is printed as MISSED, and a miss means exit 1.
    for (const metric of missed) expect(run.stdout).toMatch(new RegExp(`\\b${metric}\\s+[\\d.]+\\s+MISSED`));
    expect(run.code).toBe(1);
    const md = await readFile(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/\| routing \| tool_accuracy \| [\d.]+ \| ≥ 0\.95 \| MISSED \|/);
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('tool_accuracy');
  }, 60_000);

  it('exits 2 naming the variable when the endpoint is not configured', async () => {
    const run = await runEvals(['--suite', 'routing', '--model', 'openai-compatible', '--out', out], {
      OPENAI_COMPATIBLE_MODEL: 'fake-llm',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('OPENAI_COMPATIBLE_BASE_URL');
  }, 30_000);
});
