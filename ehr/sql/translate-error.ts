import { EhrError } from '../errors.ts';

interface PgLikeError extends Error {
  code?: string;
  hint?: string;
  constraint?: string;
}

const isPgError = (error: unknown): error is PgLikeError =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'string';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', '57P01']);

/**
 * Maps a database error to the EHR's closed set of errors, keeping the original as the cause. Messages name the
 * rule that was broken, never the data.
 */
export function translateError(error: unknown): unknown {
  if (error instanceof EhrError || !(error instanceof Error)) return error;
  if (!isPgError(error)) {
    if (/timeout|terminated|Connection/i.test(error.message)) {
      return new EhrError('unavailable', 'the EHR database is not reachable', { cause: error });
    }
    return error;
  }
  const code = error.code ?? '';
  if (CONNECTION_CODES.has(code) || code.startsWith('08')) {
    return new EhrError('unavailable', 'the EHR database is not reachable', { cause: error });
  }
  if (code === '23503') {
    return new EhrError(
      'not_found',
      `a referenced record does not exist in this practice (${error.constraint ?? 'foreign key'})`,
      {
        cause: error,
      },
    );
  }
  if (code === '23505') {
    return new EhrError('conflict', `a record with the same key already exists (${error.constraint ?? 'unique'})`, {
      cause: error,
    });
  }
  // 22021 and 22P05: text the database cannot store, such as a NUL character in a string or in JSON.
  if (['23514', '23502', '22P02', '22007', '22008', '22021', '22P05'].includes(code)) {
    return new EhrError('invalid', `the record breaks a data rule (${error.constraint ?? code})`, { cause: error });
  }
  if (code === 'P0001' && error.hint?.startsWith('charta:')) {
    return new EhrError('conflict', error.message, { cause: error });
  }
  return error;
}

/** Runs `work`, rethrowing database errors as EhrErrors. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateError(error);
  }
}
