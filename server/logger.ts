import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Keys whose values may carry PHI or secrets. Logs carry ids, counts, timings and error codes only; if a record
 * slips into a log call anyway, these are censored wherever they appear (top level or one level down).
 */
export const PHI_KEYS = [
  'firstName',
  'lastName',
  'preferredName',
  'name',
  'displayName',
  'dateOfBirth',
  'dob',
  'email',
  'phone',
  'address',
  'guardian',
  'insurance',
  'memberId',
  'mrn',
  'body',
  'text',
  'sections',
  'answers',
  'segments',
  'transcript',
  'content',
  // A risk flag's review note is clinical free text.
  'note',
  'reviewNote',
  'password',
  'token',
  'authorization',
  'cookie',
  'connectionString',
  'databaseUrl',
] as const;

export const REDACT_PATHS = [
  ...PHI_KEYS,
  ...PHI_KEYS.map((k) => `*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'charta' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination,
  );
}

export type { Logger };
