import { parseCsvRows } from '../coding/code-set.ts';

/**
 * Parsers for the CMS edit tables, as published quarterly (data/reference/README.md):
 *
 * - MUE, practitioner services (`MCR_MUE_PractitionerServices_Eff_<date>.csv`): some lines of notice text, then a
 *   header row naming "HCPCS/CPT Code", "Practitioner Services MUE Values" and "MUE Adjudication Indicator", then
 *   one row per code. The indicator cell starts with its digit ("2 Date of Service Edit: Policy").
 * - NCCI procedure-to-procedure, practitioner (`ccipra-v<ver>-f1..f4`), saved as CSV or tab-separated text: a header
 *   row naming "Column 1", "Column 2", "Deletion Date" and "Modifier", then one row per pair. The deletion date is
 *   YYYYMMDD or "*" (none); the modifier indicator is 0 (never together), 1 (allowed with a distinct-service
 *   modifier) or 9 (not applicable).
 *
 * Only behavioral-health codes are kept: 90785–90899, 96105–96171, 99202–99499 (E/M) and HCPCS H-codes.
 */
export interface MueLimit {
  units: number;
  /** 1 line edit, 2 date-of-service edit (absolute), 3 date-of-service edit (clinical). */
  mai: 1 | 2 | 3;
}

export interface PtpPair {
  column1: string;
  column2: string;
  modifier: '0' | '1';
}

export interface TableParse<T> {
  rows: T[];
  rejected: Array<{ line: number; reason: string }>;
}

export const isBehavioralProcedure = (code: string) => {
  if (/^H\d{4}$/.test(code)) return true;
  if (!/^\d{5}$/.test(code)) return false;
  const n = Number(code);
  return (n >= 90785 && n <= 90899) || (n >= 96105 && n <= 96171) || (n >= 99202 && n <= 99499);
};

function table(text: string, required: readonly RegExp[]) {
  const delimiter = text.includes('\t') ? '\t' : ',';
  const rows = parseCsvRows(text, delimiter);
  const headerAt = rows.findIndex((r) => required.every((re) => r.some((cell) => re.test(cell))));
  if (headerAt < 0) return null;
  const header = rows[headerAt] ?? [];
  const col = (re: RegExp) => header.findIndex((cell) => re.test(cell));
  return { rows: rows.slice(headerAt + 1), firstLine: headerAt + 2, col };
}

export function parseMueTable(text: string): TableParse<[string, MueLimit]> | null {
  const t = table(text, [/HCPCS|CPT/i, /MUE Values?/i, /Adjudication Indicator/i]);
  if (!t) return null;
  const [code, value, mai] = [t.col(/HCPCS|CPT/i), t.col(/MUE Values?/i), t.col(/Adjudication Indicator/i)];
  const out: TableParse<[string, MueLimit]> = { rows: [], rejected: [] };
  t.rows.forEach((r, i) => {
    if (r.every((c) => c.trim() === '')) return;
    const c = (r[code] ?? '').trim().toUpperCase();
    const units = Number((r[value] ?? '').trim());
    const indicator = Number((r[mai] ?? '').trim().charAt(0));
    if (
      !/^([0-9]{4}[0-9A-Z]|[A-Z][0-9]{4})$/.test(c) ||
      !Number.isInteger(units) ||
      units < 0 ||
      ![1, 2, 3].includes(indicator)
    ) {
      out.rejected.push({ line: t.firstLine + i, reason: 'not a code, a whole number of units and an indicator 1–3' });
      return;
    }
    if (isBehavioralProcedure(c)) out.rows.push([c, { units, mai: indicator as MueLimit['mai'] }]);
  });
  return out;
}

/** Pairs in force on `asOf` (YYYY-MM-DD): a deletion date on or before it retires the pair. */
export function parsePtpTable(text: string, asOf: string): TableParse<PtpPair> | null {
  const t = table(text, [/Column ?1/i, /Column ?2/i, /Deletion/i, /Modifier/i]);
  if (!t) return null;
  const [c1, c2, del, mod] = [t.col(/Column ?1/i), t.col(/Column ?2/i), t.col(/Deletion/i), t.col(/Modifier/i)];
  const cutoff = asOf.replaceAll('-', '');
  const out: TableParse<PtpPair> = { rows: [], rejected: [] };
  t.rows.forEach((r, i) => {
    if (r.every((c) => c.trim() === '')) return;
    const [a, b] = [(r[c1] ?? '').trim().toUpperCase(), (r[c2] ?? '').trim().toUpperCase()];
    const deletion = (r[del] ?? '').trim();
    const modifier = (r[mod] ?? '').trim();
    const code = /^([0-9]{4}[0-9A-Z]|[A-Z][0-9]{4})$/;
    if (!code.test(a) || !code.test(b) || !/^(\*|\d{8})$/.test(deletion) || !['0', '1', '9'].includes(modifier)) {
      out.rejected.push({
        line: t.firstLine + i,
        reason: 'not two codes, a deletion date (YYYYMMDD or *) and a modifier 0/1/9',
      });
      return;
    }
    if (modifier === '9' || (deletion !== '*' && deletion <= cutoff)) return;
    if (isBehavioralProcedure(a) && isBehavioralProcedure(b))
      out.rows.push({ column1: a, column2: b, modifier: modifier as '0' | '1' });
  });
  return out;
}
