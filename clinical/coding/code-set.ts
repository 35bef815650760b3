/**
 * ICD-10-CM code sets, one per federal fiscal year, picked by date of service. Pure: the caller supplies the file
 * text (the shipped CSV or a CMS order file) and this module only parses and indexes it.
 */

export interface IcdEntry {
  code: string;
  /** Valid on a claim; headers (categories with children) are not. */
  billable: boolean;
  description: string;
}

export interface IcdCodeSet {
  system: 'ICD-10-CM';
  fiscalYear: number;
  /** 'FY2026': what every suggestion and finding names, so a reviewer knows which table decided. */
  version: string;
  /** Dates of service the set governs, inclusive. */
  from: string;
  through: string;
  entries: ReadonlyMap<string, IcdEntry>;
}

/** Federal fiscal year of a date: FY N runs from October 1 of N−1 through September 30 of N. */
export function fiscalYearOf(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) throw new RangeError(`not an ISO date: ${date}`);
  const year = Number(match[1]);
  return Number(match[2]) >= 10 ? year + 1 : year;
}

export function buildCodeSet(fiscalYear: number, entries: Iterable<IcdEntry>): IcdCodeSet {
  const map = new Map<string, IcdEntry>();
  for (const entry of entries) map.set(entry.code, entry);
  return {
    system: 'ICD-10-CM',
    fiscalYear,
    version: `FY${fiscalYear}`,
    from: `${fiscalYear - 1}-10-01`,
    through: `${fiscalYear}-09-30`,
    entries: map,
  };
}

/** Which set governs a date of service, and whether the right one is loaded. */
export interface CodeSetChoice {
  /** The fiscal year the date of service falls in. */
  required: string;
  /** The set used: the required one, or the newest earlier one when the required one is missing. */
  set: IcdCodeSet | null;
  /** Set when the required year is not loaded: the check ran against an older table, or could not run. */
  missing: string | null;
}

export function chooseCodeSet(sets: readonly IcdCodeSet[], dateOfService: string): CodeSetChoice {
  const fy = fiscalYearOf(dateOfService);
  const exact = sets.find((s) => s.fiscalYear === fy);
  if (exact) return { required: `FY${fy}`, set: exact, missing: null };
  const older = [...sets].filter((s) => s.fiscalYear < fy).sort((a, b) => b.fiscalYear - a.fiscalYear)[0] ?? null;
  const missing = older
    ? `The ICD-10-CM FY${fy} code set, which governs dates of service from ${fy - 1}-10-01, is not loaded; codes were checked against ${older.version} and a code added, deleted or expanded in FY${fy} would not be caught. Load it with \`charta codes import\`.`
    : `No ICD-10-CM code set covers dates of service in FY${fy}; load one with \`charta codes import\`.`;
  return { required: `FY${fy}`, set: older, missing };
}

/** ICD-10-CM codes as written: letter, two characters, optional dot and up to four more. */
export const ICD10CM_PATTERN = /^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/** Adds the dot claims leave out (F331 → F33.1). */
export function dotted(code: string): string {
  const bare = code.trim().toUpperCase().replace('.', '');
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

/**
 * Parses the shipped CSV (columns code, codeNoDot, billable, shortDescription, longDescription, …). Handles quoted
 * fields with commas and doubled quotes, which the official descriptions contain.
 */
export function parseIcdCsv(text: string): IcdEntry[] {
  const rows = parseCsvRows(text);
  const header = rows.shift() ?? [];
  const col = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`ICD-10-CM CSV lacks the ${name} column`);
    return index;
  };
  const [code, billable, long] = [col('code'), col('billable'), col('longDescription')];
  return rows
    .filter((r) => r.length > 1)
    .map((r) => ({
      code: r[code] ?? '',
      billable: (r[billable] ?? '').toLowerCase() === 'true',
      description: r[long] ?? '',
    }));
}

/** Rows of a CSV (or, with a tab delimiter, TSV) text, honouring quoted fields. */
export function parseCsvRows(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
