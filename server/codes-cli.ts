import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseMueTable, parsePtpTable } from '../clinical/claims/edit-tables.ts';
import { parseOrderFile, toIcdCsv } from '../clinical/coding/order-file.ts';
import {
  forgetCodeSets,
  icdFileName,
  MUE_FILE,
  type MueFile,
  PTP_FILE,
  type PtpFile,
  REFERENCE_DIR,
} from '../ehr/reference/code-sets.ts';

export const CODES_USAGE = `charta codes import <icd10cm_order_YYYY.txt> [--fiscal-year YYYY] [--out DIR] [--force]
  Loads a CMS ICD-10-CM "Code Descriptions in Tabular Order" file (fixed width: order number in columns 1-5, code
  without its dot in 7-13, 1 = billable / 0 = header in 15, short description in 17-76, long description from 78).
  The fiscal year comes from the file name or --fiscal-year; FY YYYY governs dates of service from (YYYY-1)-10-01 to
  YYYY-09-30. The behavioral-health ranges are kept and written to data/reference/icd10cm-behavioral-fy<YYYY>.csv
  (or --out DIR). A file with any line that does not fit the layout is refused and nothing is written.
charta codes import-mue <MCR_MUE_PractitionerServices_Eff_DATE.csv> [--out DIR] [--force]
  Loads the CMS practitioner MUE table (header row: HCPCS/CPT Code, Practitioner Services MUE Values, MUE
  Adjudication Indicator); the scrubber then checks units per day against it instead of charta's defaults.
charta codes import-ptp <ccipra-vXXX-fN as .csv or tab-separated .txt> [--as-of YYYY-MM-DD] [--out DIR] [--force]
  Loads NCCI practitioner procedure-to-procedure pairs (header row: Column 1, Column 2, Deletion Date, Modifier);
  pairs deleted by --as-of (default today) and indicator-9 pairs are dropped. Behavioral-health codes only.`;

/** `charta codes …`: exit 0 on success, 1 when the file is refused, 64 on a usage error. */
export async function codesCommand(args: readonly string[], log = console.log, fail = console.error): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import' && sub !== 'import-mue' && sub !== 'import-ptp') {
    fail(`charta codes: expected import, import-mue or import-ptp\n\n${CODES_USAGE}`);
    return 64;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    fail(`charta codes import: ${error instanceof Error ? error.message : String(error)}\n\n${CODES_USAGE}`);
    return 64;
  }
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length > 1) {
    fail(`charta codes import: give exactly one order file\n\n${CODES_USAGE}`);
    return 64;
  }
  if (sub !== 'import') return importEditTable(sub, file, parsed.values, log, fail);
  const year = Number(parsed.values['fiscal-year'] ?? /order_(\d{4})/i.exec(basename(file))?.[1] ?? Number.NaN);
  if (!Number.isInteger(year) || year < 2015 || year > 2100) {
    fail(
      'charta codes import: cannot tell the fiscal year; name the file icd10cm_order_YYYY.txt or pass --fiscal-year',
    );
    return 64;
  }
  const text = await readFile(file, 'utf8');
  const { entries, rejected } = parseOrderFile(text);
  if (rejected.length > 0) {
    const sample = rejected.slice(0, 10).map((r) => `  line ${r.line}: ${r.reason}`);
    fail(
      `charta codes import: ${rejected.length} line(s) do not fit the order-file layout; nothing written\n${sample.join('\n')}`,
    );
    return 1;
  }
  if (entries.length === 0) {
    fail('charta codes import: the file holds no behavioral-health codes; nothing written');
    return 1;
  }
  const out = join(parsed.values.out ?? REFERENCE_DIR, icdFileName(year));
  if (existsSync(out) && !parsed.values.force) {
    fail(`charta codes import: ${out} exists; pass --force to replace it`);
    return 1;
  }
  await writeFile(out, toIcdCsv(entries));
  forgetCodeSets();
  const billable = entries.filter((e) => e.billable).length;
  log(
    `ICD-10-CM FY${year}: ${entries.length} behavioral-health codes (${billable} billable) written to ${out}; it governs dates of service ${year - 1}-10-01 to ${year}-09-30.`,
  );
  return 0;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      'fiscal-year': { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
}

async function importEditTable(
  kind: 'import-mue' | 'import-ptp',
  file: string,
  values: ReturnType<typeof parse>['values'],
  log: (m: string) => void,
  fail: (m: string) => void,
): Promise<number> {
  const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    fail('charta codes import-ptp: --as-of takes YYYY-MM-DD');
    return 64;
  }
  const text = await readFile(file, 'utf8');
  const parsed = kind === 'import-mue' ? parseMueTable(text) : parsePtpTable(text, asOf);
  if (!parsed) {
    fail(`charta codes ${kind}: no header row of the CMS layout found; nothing written`);
    return 1;
  }
  if (parsed.rejected.length > 0) {
    const sample = parsed.rejected.slice(0, 10).map((r) => `  line ${r.line}: ${r.reason}`);
    fail(`charta codes ${kind}: ${parsed.rejected.length} row(s) do not fit; nothing written\n${sample.join('\n')}`);
    return 1;
  }
  const out = join(values.out ?? REFERENCE_DIR, kind === 'import-mue' ? MUE_FILE : PTP_FILE);
  if (existsSync(out) && !values.force) {
    fail(`charta codes ${kind}: ${out} exists; pass --force to replace it`);
    return 1;
  }
  const importedAt = new Date().toISOString();
  const body: MueFile | PtpFile =
    kind === 'import-mue'
      ? { source: basename(file), importedAt, limits: Object.fromEntries(parseMueTable(text)?.rows ?? []) }
      : { source: basename(file), importedAt, inForceOn: asOf, pairs: parsePtpTable(text, asOf)?.rows ?? [] };
  await writeFile(out, `${JSON.stringify(body, null, 1)}\n`);
  forgetCodeSets();
  log(`${kind === 'import-mue' ? 'MUE' : 'NCCI PTP'}: ${parsed.rows.length} behavioral-health rows written to ${out}.`);
  return 0;
}
