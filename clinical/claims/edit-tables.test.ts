import { describe, expect, it } from 'vitest';
import { parseMueTable, parsePtpTable } from './edit-tables.ts';

// Synthetic tables in the CMS layouts (values chosen for the test, not CMS values).
const MUE = `"Medically Unlikely Edits, practitioner services, synthetic test copy"
"CPT codes and descriptions only are copyright American Medical Association."
HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale
90834,1,2 Date of Service Edit: Policy,Nature of Service/Procedure
90840,3,3 Date of Service Edit: Clinical,Clinical: Data
96127,3,3 Date of Service Edit: Clinical,Clinical: Data
11042,1,1 Line Edit,Anatomic Consideration
`;
const PTP = [
  'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale',
  '90839\t90834\t\t20130101\t*\t0\tMutually exclusive procedures',
  '90791\t90832\t\t20130101\t*\t1\tMisuse of column two code with column one code',
  '90792\t90791\t\t20130101\t20200101\t0\tDeleted pair',
  '90832\t90785\t\t20130101\t*\t9\tNot applicable',
  '11042\t97597\t\t20130101\t*\t1\tOutside behavioral health',
].join('\n');

describe('CMS edit tables', () => {
  it('reads MUE limits and adjudication indicators for behavioral-health codes', () => {
    const result = parseMueTable(MUE);
    expect(result?.rejected).toEqual([]);
    expect(Object.fromEntries(result?.rows ?? [])).toEqual({
      '90834': { units: 1, mai: 2 },
      '90840': { units: 3, mai: 3 },
      '96127': { units: 3, mai: 3 },
    });
  });

  it('keeps PTP pairs in force with indicator 0 or 1, drops deleted and not-applicable ones', () => {
    const result = parsePtpTable(PTP, '2026-11-22');
    expect(result?.rejected).toEqual([]);
    expect(result?.rows).toEqual([
      { column1: '90839', column2: '90834', modifier: '0' },
      { column1: '90791', column2: '90832', modifier: '1' },
    ]);
  });

  it('reports rows that do not fit and returns null for a file without the header', () => {
    expect(parseMueTable('just,some,text\n1,2,3')).toBeNull();
    expect(parsePtpTable('no header here', '2026-11-22')).toBeNull();
    const bad = parseMueTable(`${MUE}9083,one,2 Date of Service Edit: Policy,x\n`);
    expect(bad?.rejected.map((r) => r.line)).toEqual([8]);
  });
});
