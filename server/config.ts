import { resolve } from 'node:path';
import * as z from 'zod';
import type { ModelConfig } from '../agent/model-config.ts';
import { parseCheckpointKey } from '../policies/audit/checkpoint.ts';
import { allTools } from '../tools/index.ts';
import { selectTools } from '../tools/select.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// --- auth (server/auth) ---
const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http:// or https:// URL');
// --- end auth ---

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
  // --- auth (server/auth) ---
  PUBLIC_URL: httpUrl.optional(),
  AUTH_ISSUER: httpUrl.optional(),
  AUTH_AUDIENCE: z
    .string()
    .refine((v) => URL.canParse(v), 'must be an absolute URI')
    .optional(),
  AUTH_JWKS_URL: httpUrl.optional(),
  AUTH_DEV_ISSUER: bool.optional(),
  // --- end auth ---
  // --- audit (policies/audit) ---
  AUDIT_CHECKPOINT_KEY: z
    .string()
    .refine((v) => {
      try {
        parseCheckpointKey(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be at least 32 bytes, written as hex or base64 (e.g. `openssl rand -base64 32`)')
    .optional(),
  // --- end audit ---
  // --- tools (policies/pipeline) ---
  CHARTA_READ_ONLY: bool.optional(),
  CHARTA_TOOLS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .optional(),
  TOOL_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .max(100_000)
    .default(120),
  // --- end tools ---
  // --- model (agent) ---
  CHARTA_MODEL: z
    .enum(['offline', 'azure', 'openai-compatible'], { error: 'must be offline, azure or openai-compatible' })
    .default('offline'),
  AZURE_RESOURCE_NAME: z.string().min(1).optional(),
  AZURE_BASE_URL: httpUrl.optional(),
  AZURE_API_KEY: z.string().min(1).optional(),
  AZURE_DEPLOYMENT: z.string().min(1).optional(),
  AZURE_API: z.enum(['responses', 'chat'], { error: 'must be responses or chat' }).default('responses'),
  OPENAI_COMPATIBLE_BASE_URL: httpUrl.optional(),
  OPENAI_COMPATIBLE_API_KEY: z.string().min(1).optional(),
  OPENAI_COMPATIBLE_MODEL: z.string().min(1).optional(),
  CHAT_RETENTION_DAYS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(3650).default(30),
  PHI_MODE: z.enum(['off', 'pseudonymize'], { error: 'must be off or pseudonymize' }).default('off'),
  CHAT_MAX_STEPS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(20).default(6),
  CHAT_LINK_HOSTS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    )
    .optional(),
  TRIAGE_MODEL_INTERVAL_S: z.coerce.number({ error: 'must be a number' }).int().min(0).max(86_400).default(60),
  ESCALATION_SWEEP_INTERVAL_S: z.coerce.number({ error: 'must be a number' }).int().min(0).max(3_600).default(60),
  LANGFUSE_PUBLIC_KEY: z.string().min(1).optional(),
  LANGFUSE_SECRET_KEY: z.string().min(1).optional(),
  LANGFUSE_BASE_URL: httpUrl.optional(),
  // --- end model ---
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
  auth: AuthConfig;
  /** Signs audit checkpoints (HMAC-SHA256); null: no checkpoints, so truncation and rewrites go undetected. */
  auditCheckpointKey: Uint8Array | null;
  tools: ToolsConfig;
  model: ModelConfig;
  /**
   * How often the configured model reads new patient messages for the triage queue (server/model-triage-worker.ts);
   * 0: never. Ignored with the offline model, whose triage is the rules alone.
   */
  triageModelIntervalMs: number;
  /**
   * How often escalated patient messages get their risk flag and alerts, and pending alerts go to the notifier
   * (server/escalation-worker.ts); 0: never (alerts then come only from flag_risk).
   */
  escalationSweepIntervalMs: number;
  /** Chat-turn tracing to Langfuse (OpenTelemetry); null: off. */
  langfuse: { publicKey: string; secretKey: string; baseUrl: string } | null;
}

export type { ModelConfig };

// --- model (agent) ---
function modelConfig(e: z.output<typeof EnvSchema>, publicUrl: string, problems: string[]): ModelConfig {
  const common = {
    maxSteps: e.CHAT_MAX_STEPS,
    phiMode: e.PHI_MODE,
    retentionDays: e.CHAT_RETENTION_DAYS,
    linkHosts: e.CHAT_LINK_HOSTS ?? ['988lifeline.org', new URL(publicUrl).hostname],
  };
  if (e.CHARTA_MODEL === 'azure') {
    if (!e.AZURE_RESOURCE_NAME && !e.AZURE_BASE_URL)
      problems.push('AZURE_RESOURCE_NAME: required with CHARTA_MODEL=azure (or set AZURE_BASE_URL)');
    if (!e.AZURE_API_KEY) problems.push('AZURE_API_KEY: required with CHARTA_MODEL=azure');
    if (!e.AZURE_DEPLOYMENT) problems.push('AZURE_DEPLOYMENT: required with CHARTA_MODEL=azure');
    return {
      ...common,
      kind: 'azure',
      resourceName: e.AZURE_RESOURCE_NAME ?? null,
      baseUrl: e.AZURE_BASE_URL ?? null,
      apiKey: e.AZURE_API_KEY ?? '',
      deployment: e.AZURE_DEPLOYMENT ?? '',
      api: e.AZURE_API,
    };
  }
  if (e.CHARTA_MODEL === 'openai-compatible') {
    if (!e.OPENAI_COMPATIBLE_BASE_URL)
      problems.push('OPENAI_COMPATIBLE_BASE_URL: required with CHARTA_MODEL=openai-compatible');
    if (!e.OPENAI_COMPATIBLE_MODEL)
      problems.push('OPENAI_COMPATIBLE_MODEL: required with CHARTA_MODEL=openai-compatible');
    return {
      ...common,
      kind: 'openai-compatible',
      baseUrl: e.OPENAI_COMPATIBLE_BASE_URL ?? '',
      apiKey: e.OPENAI_COMPATIBLE_API_KEY ?? null,
      model: e.OPENAI_COMPATIBLE_MODEL ?? '',
    };
  }
  return { ...common, kind: 'offline' };
}
// --- end model ---

// --- tools (policies/pipeline) ---
/** Which tools this deployment offers, and how fast one person may call them (MCP and chat alike). */
export interface ToolsConfig {
  /** Draft tools hidden and refused. */
  readOnly: boolean;
  /** Tool names or toolsets (see tools/select.ts); null: every tool. Checked against the registry at startup. */
  allow: string[] | null;
  /** Tool calls per user per minute; 0: no limit. */
  ratePerMinute: number;
}
// --- end tools ---

// --- auth (server/auth) ---
/** How HTTP callers authenticate: an OAuth 2.1 resource server, trusting one issuer (see server/auth/). */
export interface AuthConfig {
  /** Canonical base URL clients reach charta at, without a trailing slash. */
  publicUrl: string;
  /** The protected resource (RFC 9728 `resource`): `<publicUrl>/mcp`. */
  resource: string;
  /** The `aud` every access token must carry. Default: `resource`. */
  audience: string;
  /** The one trusted issuer: AUTH_ISSUER, or `<publicUrl>/dev-issuer` when the dev issuer is on. */
  issuer: string;
  /** Where the issuer's keys are. null: found from the issuer's metadata, or held in process by the dev issuer. */
  jwksUrl: string | null;
  /** The built-in demo issuer; never in production. */
  devIssuer: boolean;
  /** Where the dev issuer keeps its signing key, so its tokens survive restarts. */
  devIssuerKeyFile: string;
}

const isLoopback = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
const trimSlash = (url: string) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
};

/** Cross-variable auth rules; pushes one message per broken rule, naming the variable to change. */
function authConfig(e: z.output<typeof EnvSchema>, problems: string[]): AuthConfig {
  const production = e.NODE_ENV === 'production';
  // A listen address such as 0.0.0.0 is not a URL anyone can reach; the default points at loopback instead.
  const host = ['0.0.0.0', '::'].includes(e.HOST) ? '127.0.0.1' : e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
  const publicUrl = trimSlash(e.PUBLIC_URL ?? `http://${host}:${e.PORT}`);
  const devIssuer = e.AUTH_DEV_ISSUER ?? (!production && !e.AUTH_ISSUER);
  if (e.PUBLIC_URL && (new URL(e.PUBLIC_URL).search || new URL(e.PUBLIC_URL).hash))
    problems.push('PUBLIC_URL: must not have a query or fragment');
  if (production && !e.PUBLIC_URL)
    problems.push('PUBLIC_URL: required in production (tokens are checked against <PUBLIC_URL>/mcp)');
  if (devIssuer && production)
    problems.push('AUTH_DEV_ISSUER: must be false in production (the dev issuer mints tokens for any user)');
  if (devIssuer && e.AUTH_ISSUER) problems.push('AUTH_DEV_ISSUER: must be false when AUTH_ISSUER is set');
  if (!devIssuer && !e.AUTH_ISSUER)
    problems.push('AUTH_ISSUER: required when the dev issuer is off (the URL of your authorization server)');
  if (devIssuer && e.AUTH_JWKS_URL) problems.push('AUTH_JWKS_URL: only applies with AUTH_ISSUER');
  // OAuth 2.1 and the MCP authorization spec require TLS everywhere but on loopback.
  for (const name of ['PUBLIC_URL', 'AUTH_ISSUER', 'AUTH_JWKS_URL'] as const) {
    const value = e[name];
    if (production && value && !value.startsWith('https://') && !isLoopback(value))
      problems.push(`${name}: must be an https:// URL in production`);
  }
  const resource = `${publicUrl}/mcp`;
  return {
    publicUrl,
    resource,
    audience: e.AUTH_AUDIENCE ?? resource,
    // The issuer is compared byte for byte with `iss`, so it is kept exactly as written (a trailing slash matters).
    issuer: devIssuer ? `${publicUrl}/dev-issuer` : (e.AUTH_ISSUER ?? ''),
    jwksUrl: devIssuer ? null : (e.AUTH_JWKS_URL ?? null),
    devIssuer,
    devIssuerKeyFile: resolve(e.CHARTA_DATA_DIR, 'dev-issuer-key.json'),
  };
}
// --- end auth ---

/** Variables whose values must never be echoed back in an error message. */
const SECRET = new Set([
  'DATABASE_URL',
  'AUDIT_CHECKPOINT_KEY',
  'AZURE_API_KEY',
  'OPENAI_COMPATIBLE_API_KEY',
  'LANGFUSE_SECRET_KEY',
]);

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
  const authProblems: string[] = [];
  const auth = authConfig(e, authProblems);
  if (e.CHARTA_TOOLS && e.CHARTA_TOOLS.length > 0) {
    const picked = selectTools(allTools, e.CHARTA_TOOLS);
    if (!picked.ok) authProblems.push(`CHARTA_TOOLS: no tool or toolset named ${picked.unknown.join(', ')}`);
  }
  const model = modelConfig(e, auth.publicUrl, authProblems);
  const langfuseSet = [e.LANGFUSE_PUBLIC_KEY, e.LANGFUSE_SECRET_KEY].filter(Boolean).length;
  if (langfuseSet === 1)
    authProblems.push('LANGFUSE_SECRET_KEY: LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY go together');
  if (authProblems.length > 0) throw new ConfigError(authProblems);
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
    auth,
    auditCheckpointKey: e.AUDIT_CHECKPOINT_KEY ? parseCheckpointKey(e.AUDIT_CHECKPOINT_KEY) : null,
    tools: {
      readOnly: e.CHARTA_READ_ONLY ?? false,
      allow: e.CHARTA_TOOLS && e.CHARTA_TOOLS.length > 0 ? e.CHARTA_TOOLS : null,
      ratePerMinute: e.TOOL_RATE_LIMIT_PER_MINUTE,
    },
    model,
    triageModelIntervalMs: e.TRIAGE_MODEL_INTERVAL_S * 1000,
    escalationSweepIntervalMs: e.ESCALATION_SWEEP_INTERVAL_S * 1000,
    langfuse:
      e.LANGFUSE_PUBLIC_KEY && e.LANGFUSE_SECRET_KEY
        ? {
            publicKey: e.LANGFUSE_PUBLIC_KEY,
            secretKey: e.LANGFUSE_SECRET_KEY,
            baseUrl: e.LANGFUSE_BASE_URL ?? 'https://cloud.langfuse.com',
          }
        : null,
  };
}

/** Where the database lives, for humans: never includes credentials. */
export function describeDatabase(config: Config): string {
  if (config.database.kind === 'pglite') return `embedded PGlite at ${config.database.dataDir}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
