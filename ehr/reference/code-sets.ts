import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Forgets what was read, after an import wrote a new year. */
export function forgetCodeSets(): void {
  cache.clear();
}
