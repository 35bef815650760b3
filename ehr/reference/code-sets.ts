import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MueLimit, PtpPair } from '../../clinical/claims/edit-tables.ts';
import { buildCodeSet, type IcdCodeSet, parseIcdCsv } from '../../clinical/coding/code-set.ts';

/** Where the shipped and imported ICD-10-CM years live, one CSV per fiscal year. */
export const REFERENCE_DIR = fileURLToPath(new URL('../../data/reference/', import.meta.url));
export const ICD_FILE = /^icd10cm-behavioral-fy(\d{4})\.csv$/;
export const icdFileName = (fiscalYear: number) => `icd10cm-behavioral-fy${fiscalYear}.csv`;

const cache = new Map<string, readonly IcdCodeSet[]>();

/** Every fiscal year found in the folder, oldest first. Read once per folder and process. */
export function loadCodeSets(dir: string = REFERENCE_DIR): readonly IcdCodeSet[] {
  const hit = cache.get(dir);
  if (hit) return hit;
  const sets = readdirSync(dir)
    .map((name) => ({ name, match: ICD_FILE.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .map(({ name, match }) => buildCodeSet(Number(match[1]), parseIcdCsv(readFileSync(join(dir, name), 'utf8'))))
    .sort((a, b) => a.fiscalYear - b.fiscalYear);
  cache.set(dir, sets);
  return sets;
}

/** The imported CMS edit tables, as `charta codes import-mue|import-ptp` write them. */
export const MUE_FILE = 'cms-mue-practitioner.json';
export const PTP_FILE = 'cms-ncci-ptp-practitioner.json';

export interface MueFile {
  source: string;
  importedAt: string;
  limits: Record<string, MueLimit>;
}
export interface PtpFile {
  source: string;
  importedAt: string;
  inForceOn: string;
  pairs: PtpPair[];
}

export interface EditTables {
  /** Units per code per date, when the MUE file was imported. */
  unitLimits?: Record<string, number>;
  /** NCCI pairs in force, when the PTP file was imported. */
  ptpPairs?: PtpPair[];
}

const editCache = new Map<string, EditTables>();

export function loadEditTables(dir: string = REFERENCE_DIR): EditTables {
  const hit = editCache.get(dir);
  if (hit) return hit;
  const read = <T>(name: string): T | null =>
    existsSync(join(dir, name)) ? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as T) : null;
  const mue = read<MueFile>(MUE_FILE);
  const ptp = read<PtpFile>(PTP_FILE);
  const tables: EditTables = {
    ...(mue ? { unitLimits: Object.fromEntries(Object.entries(mue.limits).map(([code, l]) => [code, l.units])) } : {}),
    ...(ptp ? { ptpPairs: ptp.pairs } : {}),
  };
  editCache.set(dir, tables);
  return tables;
}

/** Forgets what was read, after an import wrote a new year or table. */
export function forgetCodeSets(): void {
  cache.clear();
  editCache.clear();
}
