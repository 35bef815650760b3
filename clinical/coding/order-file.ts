import { dotted, ICD10CM_PATTERN, type IcdEntry } from './code-set.ts';

/**
 * The CMS "Code Descriptions in Tabular Order" file (icd10cm_order_<YEAR>.txt), fixed-width, one code per line
 * (layout from icd10OrderFiles.pdf in the same zip):
 *
 *   columns 1–5   order number, zero-padded
 *   column  6     blank
 *   columns 7–13  code without its dot, left-aligned, blank-padded
 *   column  14    blank
 *   column  15    0 = header (not valid on a claim), 1 = valid for HIPAA-covered transactions
 *   column  16    blank
 *   columns 17–76 short description
 *   column  77    blank
 *   columns 78–   long description
 */
export interface OrderFileResult {
  entries: IcdEntry[];
  /** Lines that did not fit the layout, with their 1-based line numbers: an import refuses a file that has any. */
  rejected: Array<{ line: number; reason: string }>;
}

/** The behavioral-health ranges charta ships (same selection as data/reference/icd10cm-behavioral-fy2026.csv). */
export const BEHAVIORAL_PREFIXES = [
  'F',
  ...Array.from({ length: 11 }, (_, i) => `Z${55 + i}`),
  'Z69',
  'Z70',
  'Z71',
  'Z91.5',
  'Z91.4',
  'R45',
  'Z13.3',
  'T14.91',
  'Z04.6',
  'Z03.89',
] as const;

export const isBehavioral = (code: string) => BEHAVIORAL_PREFIXES.some((p) => code.startsWith(p));

export function parseOrderFile(text: string, keep: (code: string) => boolean = isBehavioral): OrderFileResult {
  const entries: IcdEntry[] = [];
  const rejected: OrderFileResult['rejected'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const reason = layoutProblem(raw);
    if (reason) {
      rejected.push({ line: index + 1, reason });
      return;
    }
    const code = dotted(raw.slice(6, 13).trim());
    if (keep(code)) {
      entries.push({ code, billable: raw[14] === '1', description: raw.slice(77).trim() || raw.slice(16, 76).trim() });
    }
  });
  return { entries, rejected };
}

function layoutProblem(raw: string): string | null {
  if (raw.length < 17) return 'shorter than the fixed-width layout';
  if (!/^\d{5} $/.test(raw.slice(0, 6))) return 'no order number in columns 1–5';
  if (raw[14] !== '0' && raw[14] !== '1') return 'column 15 is not 0 or 1';
  if (!ICD10CM_PATTERN.test(dotted(raw.slice(6, 13).trim()))) return 'no ICD-10-CM code in columns 7–13';
  if (!raw.slice(16).trim()) return 'no description';
  return null;
}

/** Writes entries back in the shipped CSV layout, so an imported year loads exactly like the shipped one. */
export function toIcdCsv(entries: readonly IcdEntry[]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = ['code,codeNoDot,billable,shortDescription,longDescription'];
  for (const e of entries) {
    lines.push(
      [e.code, e.code.replace('.', ''), e.billable ? 'True' : 'False', quote(e.description), quote(e.description)].join(
        ',',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
