import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseCodeSet } from '../clinical/coding/code-set.ts';
import { loadCodeSets } from '../ehr/reference/code-sets.ts';
import { codesCommand } from './codes-cli.ts';

/** A synthetic order file in the CMS fixed-width layout (not CMS data: codes and wording chosen for the test). */
const line = (order: number, code: string, flag: 0 | 1, text: string) =>
  `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${flag} ${text.slice(0, 60).padEnd(60)} ${text}`;
const ORDER_FILE = [
  line(1, 'E119', 1, 'Type 2 diabetes mellitus without complications'),
  line(2, 'F32', 0, 'Major depressive disorder, single episode'),
  line(3, 'F321', 1, 'Major depressive disorder, single episode, moderate'),
  line(4, 'F329', 1, 'Major depressive disorder, single episode, unspecified'),
  line(5, 'F4311', 1, 'Post-traumatic stress disorder, acute'),
  line(6, 'Z630', 1, 'Problems in relationship with spouse or partner'),
].join('\n');

let dir: string;
const output: string[] = [];
const run = (...args: string[]) =>
  codesCommand(
    args,
    (m) => output.push(m),
    (m) => output.push(m),
  );

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charta-codes-'));
  output.length = 0;
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('charta codes import', () => {
  it('loads a newer fiscal year that then governs its dates of service', async () => {
    const file = join(dir, 'icd10cm_order_2027.txt');
    await writeFile(file, ORDER_FILE);
    expect(await run('import', file, '--out', dir)).toBe(0);
    expect(output.join()).toMatch(/FY2027: 5 behavioral-health codes \(4 billable\).*2026-10-01 to 2027-09-30/);
    const choice = chooseCodeSet(loadCodeSets(dir), '2026-10-05');
    expect(choice).toMatchObject({ required: 'FY2027', missing: null });
    expect(choice.set?.entries.get('F43.11')).toEqual({
      code: 'F43.11',
      billable: true,
      description: 'Post-traumatic stress disorder, acute',
    });
    expect(choice.set?.entries.has('E11.9')).toBe(false);
  });

  it('refuses a file with lines that do not fit the layout, and writes nothing', async () => {
    const file = join(dir, 'icd10cm_order_2027.txt');
    await writeFile(file, `${ORDER_FILE}\nF33.1 Major depressive disorder, recurrent, moderate`);
    expect(await run('import', file, '--out', dir)).toBe(1);
    expect(output.join()).toMatch(/nothing written.*line 7: /s);
    expect(existsSync(join(dir, 'icd10cm-behavioral-fy2027.csv'))).toBe(false);
  });

  it('needs a fiscal year and will not replace a loaded year without --force', async () => {
    const file = join(dir, 'codes.txt');
    await writeFile(file, ORDER_FILE);
    expect(await run('import', file, '--out', dir)).toBe(64);
    expect(await run('import', file, '--out', dir, '--fiscal-year', '2027')).toBe(0);
    const first = await readFile(join(dir, 'icd10cm-behavioral-fy2027.csv'), 'utf8');
    expect(await run('import', file, '--out', dir, '--fiscal-year', '2027')).toBe(1);
    expect(await run('import', file, '--out', dir, '--fiscal-year', '2027', '--force')).toBe(0);
    expect(await readFile(join(dir, 'icd10cm-behavioral-fy2027.csv'), 'utf8')).toBe(first);
  });

  it('answers a usage error for anything but import', async () => {
    expect(await run('export')).toBe(64);
    expect(await run('import')).toBe(64);
  });
});

describe('charta codes import-mue and import-ptp', () => {
  const MUE = [
    '"synthetic test copy of the practitioner MUE table"',
    'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
    '90834,1,2 Date of Service Edit: Policy,Nature of Service/Procedure',
    '90840,3,3 Date of Service Edit: Clinical,Clinical: Data',
  ].join('\n');
  const PTP = [
    'Column 1,Column 2,*=in existence prior to 1996,Effective Date,Deletion Date *=no data,Modifier 0=not allowed 1=allowed 9=not applicable,PTP Edit Rationale',
    '90839,90834,,20130101,*,0,Mutually exclusive procedures',
  ].join('\n');

  it('writes the tables the scrubber then uses in place of its defaults', async () => {
    const { loadEditTables } = await import('../ehr/reference/code-sets.ts');
    await writeFile(join(dir, 'mue.csv'), MUE);
    await writeFile(join(dir, 'ptp.csv'), PTP);
    expect(await run('import-mue', join(dir, 'mue.csv'), '--out', dir)).toBe(0);
    expect(await run('import-ptp', join(dir, 'ptp.csv'), '--out', dir, '--as-of', '2026-11-22')).toBe(0);
    expect(loadEditTables(dir)).toEqual({
      unitLimits: { '90834': 1, '90840': 3 },
      ptpPairs: [{ column1: '90839', column2: '90834', modifier: '0' }],
    });
  });

  it('refuses a file without the CMS header or with rows that do not fit', async () => {
    await writeFile(join(dir, 'mue.csv'), 'code,units\n90834,1');
    expect(await run('import-mue', join(dir, 'mue.csv'), '--out', dir)).toBe(1);
    await writeFile(join(dir, 'ptp.csv'), `${PTP}\n90839,90834,,20130101,someday,0,x`);
    expect(await run('import-ptp', join(dir, 'ptp.csv'), '--out', dir)).toBe(1);
    expect(existsSync(join(dir, 'cms-ncci-ptp-practitioner.json'))).toBe(false);
  });
});
