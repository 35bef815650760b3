import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConformanceServer, startConformanceServer } from './server.ts';

const here = dirname(fileURLToPath(import.meta.url));
const runner = join(
  dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json')),
  'dist/index.js',
);

/** The scenarios charta must pass: everything the runner has for servers that a tools-only server can answer. */
const APPLICABLE = [
  'server-initialize',
  'ping',
  'tools-list',
  'tools-call-simple-text',
  'tools-call-error',
  'dns-rebinding-protection',
];

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  errorMessage?: string;
}

let server: ConformanceServer;
let output: string;
let run: { code: number | null; log: string };

beforeAll(async () => {
  server = await startConformanceServer();
  output = await mkdtemp(join(tmpdir(), 'charta-conformance-'));
  run = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        runner,
        'server',
        '--url',
        server.url,
        '--suite',
        'all',
        '--expected-failures',
        join(here, 'not-applicable.yml'),
        '--output-dir',
        output,
      ],
      { cwd: output, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout.on('data', (chunk) => {
      log += chunk;
    });
    child.stderr.on('data', (chunk) => {
      log += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, log }));
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (output) await rm(output, { recursive: true, force: true });
});

async function checksOf(scenario: string): Promise<Check[]> {
  const dir = (await readdir(output)).find((d) => d.startsWith(`server-${scenario}-`));
  if (!dir) throw new Error(`the runner wrote no results for ${scenario}\n${run.log}`);
  return JSON.parse(await readFile(join(output, dir, 'checks.json'), 'utf8')) as Check[];
}

describe('official MCP conformance suite (server scenarios) against /mcp', () => {
  it('exits cleanly: every scenario passes except the documented not-applicable ones', () => {
    expect(run.code, run.log).toBe(0);
  });

  it.each(APPLICABLE)('passes %s with no failed check', async (scenario) => {
    const checks = await checksOf(scenario);
    expect(checks.length).toBeGreaterThan(0);
    const failed = checks.filter((c) => c.status === 'FAILURE');
    expect(failed, JSON.stringify(failed)).toEqual([]);
  });

  it('refuses a rebinding Host header, as the runner checks', async () => {
    const checks = await checksOf('dns-rebinding-protection');
    expect(checks.find((c) => c.id === 'localhost-host-rebinding-rejected')?.status).toBe('SUCCESS');
  });

  it('audited every tool call the runner made', () => {
    // tools-call-simple-text and tools-call-error each call a tool charta does not have: both are audited denials.
    expect(server.audited).toBeGreaterThanOrEqual(2);
  });
});
