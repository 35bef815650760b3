import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseOrderFile, toIcdCsv } from '../clinical/coding/order-file.ts';
import { forgetCodeSets, icdFileName, REFERENCE_DIR } from '../ehr/reference/code-sets.ts';

export const CODES_USAGE = `charta codes import <icd10cm_order_YYYY.txt> [--fiscal-year YYYY] [--out DIR] [--force]
  Loads a CMS ICD-10-CM "Code Descriptions in Tabular Order" file (fixed width: order number in columns 1-5, code
  without its dot in 7-13, 1 = billable / 0 = header in 15, short description in 17-76, long description from 78).
  The fiscal year comes from the file name or --fiscal-year; FY YYYY governs dates of service from (YYYY-1)-10-01 to
  YYYY-09-30. The behavioral-health ranges are kept and written to data/reference/icd10cm-behavioral-fy<YYYY>.csv
  (or --out DIR). A file with any line that does not fit the layout is refused and nothing is written.`;

/** `charta codes …`: exit 0 on success, 1 when the file is refused, 64 on a usage error. */
export async function codesCommand(args: readonly string[], log = console.log, fail = console.error): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import') {
    fail(`charta codes: expected "import"\n\n${CODES_USAGE}`);
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
    options: { 'fiscal-year': { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  });
}
