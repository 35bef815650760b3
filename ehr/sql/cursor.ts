import { EhrError } from '../errors.ts';

/** Keyset cursors: the sort key and id of the last row seen, opaque to callers. */
export type CursorKey = readonly [sortKey: string, id: string];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): CursorKey | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  try {
    if (cursor.length > 512) throw new Error('too long');
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [sortKey, id] = parsed as unknown[];
      if (typeof sortKey === 'string' && typeof id === 'string') return [sortKey, id] as const;
    }
  } catch {
    // fall through to the typed error
  }
  throw new EhrError('invalid', 'cursor is not valid; pass back the nextCursor of a previous page unchanged');
}

export const DEFAULT_PAGE = 25;
export const MAX_PAGE = 200;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new EhrError('invalid', 'limit must be a positive integer');
  return Math.min(limit, MAX_PAGE);
}

/** Splits a fetched batch of limit + 1 rows into a page and the cursor for the next one. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => CursorKey) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice.at(-1);
  return {
    items: slice.map(map),
    nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null,
  };
}
