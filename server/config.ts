import { resolve } from 'node:path';
import * as z from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting charta reads from the environment, validated once at startup. Nothing else reads process.env.
 * `.env.example` documents the same variables.
 */
const EnvSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65_535, 'must be between 0 and 65535')
    .default(8787),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(10),
  CHARTA_DATA_DIR: z.string().min(1, 'must not be empty').default('.charta'),
  CHARTA_DEMO: bool.optional(),
  CHARTA_SEED: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).default(20261122),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  READY_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int().min(100).max(60_000).default(2_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(120_000).default(10_000),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  /** Load the demo practice into an empty database on start. Default: on for the embedded database only. */
  demo: boolean;
  seed: number;
  logLevel: (typeof LOG_LEVELS)[number];
  readyTimeoutMs: number;
  shutdownTimeoutMs: number;
}

/** Variables whose values must never be echoed back in an error message. */
const SECRET = new Set(['DATABASE_URL']);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment into a Config, or throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as they do for most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = present[name];
      const shown = value === undefined || SECRET.has(name) ? '' : ` (got ${JSON.stringify(value.slice(0, 80))})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const database = e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } as const)
    : ({ kind: 'pglite', dataDir: resolve(e.CHARTA_DATA_DIR, 'pgdata') } as const);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database,
    demo: e.CHARTA_DEMO ?? database.kind === 'pglite',
    seed: e.CHARTA_SEED,
    logLevel: e.LOG_LEVEL,
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

/** Where the database lives, for humans: never includes credentials. */
export function describeDatabase(config: Config): string {
  if (config.database.kind === 'pglite') return `embedded PGlite at ${config.database.dataDir}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
