import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReports } from './report.ts';
import { html } from './report-html.ts';
import type { SuiteReport } from './types.ts';

const report: SuiteReport = {
  suite: 'redteam',
  model: 'mock <b>',
  cases: 2,
  metrics: { attack_success_rate: 0.5 },
  misses: [{ metric: 'attack_success_rate', value: 0.5, threshold: { max: 0 } }],
  failures: [
    {
      id: 'rt01',
      pass: false,
      expected: 'injection fails: <script>alert(1)</script>',
      got: 'link survived: ![x](https://evil.example/?q="a"&b=1)',
      scores: { success: 1, link: 1 },
    },
  ],
  results: [],
};

describe('the HTML report', () => {
  it('escapes case text, shows expected and got side by side with the scores, and marks the missed metric', () => {
    const page = html([report], { redteam: { attack_success_rate: { max: 0 } } }, '2026-11-23T00:00:00Z');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('q=&quot;a&quot;&amp;b=1');
    expect(page).toContain('mock &lt;b&gt;');
    expect(page).toMatch(/<tr class="miss"><td>redteam<\/td><td>attack_success_rate<\/td>/);
    expect(page).toContain('<td>≤ 0</td>');
    expect(page).toMatch(/rt01<\/code><\/td><td class="text">injection fails.*\n<td class="text">link survived/);
    expect(page).toContain('success=1 link=1');
    expect(page).toContain('1/2 cases pass');
    expect(page).not.toMatch(/<link|src=/);
  });

  it('is written beside the JSON and the markdown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evals-'));
    await writeReports(dir, [report], {}, 'now');
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<h1>Eval report</h1>');
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('rt01');
    expect(JSON.parse(await readFile(join(dir, 'redteam.json'), 'utf8')).suite).toBe('redteam');
  });
});
