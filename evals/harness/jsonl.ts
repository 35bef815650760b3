import { readFileSync } from 'node:fs';

/** Reads a JSON Lines file (blank lines skipped); a bad line names its file and line number. */
export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${path}:${n}: ${(error as Error).message}`);
      }
    });
}
