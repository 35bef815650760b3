import { describe, expect, it } from 'vitest';
import { buildCodeSet, chooseCodeSet, dotted, fiscalYearOf, parseIcdCsv } from './code-set.ts';
import { parseOrderFile, toIcdCsv } from './order-file.ts';

describe('fiscal-year code sets', () => {
  it('puts October 1 in the next fiscal year', () => {
    expect([fiscalYearOf('2026-09-30'), fiscalYearOf('2026-10-01'), fiscalYearOf('2025-10-01')]).toEqual([
      2026, 2027, 2026,
    ]);
  });

  it('picks the set by date of service and says clearly when the year is missing', () => {
    const fy2026 = buildCodeSet(2026, []);
    expect(chooseCodeSet([fy2026], '2026-09-30')).toMatchObject({ required: 'FY2026', missing: null });
    const late = chooseCodeSet([fy2026], '2026-10-01');
    expect(late.required).toBe('FY2027');
    expect(late.set?.version).toBe('FY2026');
    expect(late.missing).toMatch(/FY2027 code set, which governs dates of service from 2026-10-01, is not loaded/);
    expect(chooseCodeSet([fy2026], '2025-09-30')).toMatchObject({ set: null, required: 'FY2025' });
  });

  it('adds the dot a claim leaves out', () => {
    expect([dotted('F331'), dotted('f41.1'), dotted('F39')]).toEqual(['F33.1', 'F41.1', 'F39']);
  });
});

const line = (order: number, code: string, flag: 0 | 1, short: string, long: string) =>
  `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${flag} ${short.padEnd(60)} ${long}`;

describe('CMS order file', () => {
  it('reads the fixed-width layout, keeps the behavioral-health ranges and round-trips through the CSV', () => {
    const text = [
      line(1, 'A000', 1, 'Cholera', 'Cholera due to Vibrio cholerae 01, biovar cholerae'),
      line(2, 'F32', 0, 'Major depressive disorder, single episode', 'Major depressive disorder, single episode'),
      line(
        3,
        'F321',
        1,
        'Major depressive disorder, single episode, moderate',
        'Major depressive disorder, single episode, moderate',
      ),
      line(
        4,
        'Z630',
        1,
        'Problems in relationship w spouse',
        'Problems in relationship with spouse or partner, "quoted", ok',
      ),
    ].join('\n');
    const { entries, rejected } = parseOrderFile(text);
    expect(rejected).toEqual([]);
    expect(entries.map((e) => [e.code, e.billable])).toEqual([
      ['F32', false],
      ['F32.1', true],
      ['Z63.0', true],
    ]);
    expect(parseIcdCsv(toIcdCsv(entries))).toEqual(entries);
  });

  it('rejects lines that do not fit the layout, with their line numbers', () => {
    const { rejected } = parseOrderFile(
      `${line(1, 'F321', 1, 'x', 'y')}\nnot an order line at all\n00003 F321    7 bad flag`,
    );
    expect(rejected.map((r) => r.line)).toEqual([2, 3]);
  });
});
