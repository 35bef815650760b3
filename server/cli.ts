import { parseArgs } from 'node:util';
import { connect } from '../ehr/sql/connect.ts';
import { sqlGateway } from '../ehr/sql/gateway.ts';
import { MigrationError, migrateToLatest } from '../ehr/sql/migrate.ts';
import { buildDemoData, DEFAULT_SEED } from '../ehr/sql/seed/build.ts';
import { todayIn } from '../ehr/sql/seed/calendar.ts';
import { DEMO_PRACTICES } from '../ehr/sql/seed/content/people.ts';
import { clearAll, hasData, loadRows } from '../ehr/sql/seed/load.ts';
import { AuditUsageError, auditCommand } from './audit-cli.ts';
import { DevTokenError, mintDevToken } from './auth/token-cli.ts';
import { codesCommand } from './codes-cli.ts';
import { type Config, ConfigError, describeDatabase, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { serveMcpOverStdio } from './mcp-stdio.ts';
import { startServer } from './start.ts';
import { TriageUsageError, triageMessagesCommand } from './triage-cli.ts';

const USAGE = `charta — the AI assistant layer beside a behavioral-health EHR

Usage:
  charta start                         start the server (migrates; loads the demo into an empty embedded database)
  charta migrate                       apply pending database migrations, then exit
  charta seed [--reset] [--seed N] [--anchor YYYY-MM-DD]
                                       load the demo practices; --reset wipes the database first
  charta mcp --user <username>         serve MCP over stdio as that user (for a local client such as Claude Desktop)
  charta token --user <username>       print a dev-issuer access token for /mcp (demo and development only)
  charta audit verify                  check the audit trail's hash chain and signed checkpoints (exit 2: broken)
  charta audit export [--since YYYY-MM-DD]
                                       print audit events as JSON lines, oldest first
  charta triage-messages [--limit N] [--retry-failed]
                                       one pass of the configured model over unread patient messages (needs CHARTA_MODEL)
  charta codes import <icd10cm_order_YYYY.txt> [--fiscal-year YYYY] [--out DIR] [--force]
                                       load a newer ICD-10-CM year from the CMS order file (see server/codes-cli.ts)
  charta help

Configuration comes from the environment; see .env.example.`;

function openConfigured(config: Config) {
  return config.database.kind === 'postgres'
    ? connect({ kind: 'postgres', url: config.database.url, poolSize: 2 })
    : connect({ kind: 'pglite', dataDir: config.database.dataDir });
}

async function migrate(config: Config): Promise<number> {
  const database = await openConfigured(config);
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await database.close();
  }
}

async function seed(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { reset: { type: 'boolean', default: false }, seed: { type: 'string' }, anchor: { type: 'string' } },
    strict: true,
  });
  const seedValue = values.seed === undefined ? config.seed || DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seedValue) || seedValue < 0) throw new UsageError('--seed must be a non-negative integer');
  const anchor = values.anchor ?? todayIn(DEMO_PRACTICES[0]?.timezone ?? 'UTC');
  const data = buildDemoData({ seed: seedValue, anchor });
  const database = await openConfigured(config);
  try {
    await migrateToLatest(database.db);
    if (await hasData(database.db)) {
      if (!values.reset) {
        console.error('the database already has data; run `charta seed --reset` to wipe it and load the demo again');
        return 1;
      }
      await clearAll(database.db);
    }
    await loadRows(database.db, data.rows);
    const counts = Object.entries(data.rows)
      .filter(([, rows]) => rows.length > 0)
      .map(([table, rows]) => `${table} ${rows.length}`)
      .join(', ');
    console.log(
      `loaded the demo practices (seed ${seedValue}, anchor ${anchor}) into ${describeDatabase(config)}: ${counts}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function start(config: Config): Promise<number> {
  const log = createLogger({ level: config.logLevel });
  const server = await startServer(config, log);
  // Handlers go on before anything is printed: a supervisor that sees 'listening' may stop us at once.
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const state = server.store.state;
  console.log(
    `charta is listening on ${server.url} (${describeDatabase(config)}${state.status === 'ready' && state.demoLoaded ? ', demo practices loaded' : ''}; state: ${state.status})`,
  );
  await printDemoTokens(server);
  return new Promise<number>(() => {});
}

/** Users whose dev-issuer tokens the demo prints at start, one per role that uses the assistant. */
const DEMO_TOKEN_USERS = ['avery.chen', 'morgan.lee', 'jamie.ortiz', 'riley.brooks'] as const;

async function printDemoTokens(server: Awaited<ReturnType<typeof startServer>>): Promise<void> {
  const gateway = server.store.gateway;
  if (!server.config.auth.devIssuer || !gateway || server.store.state.status !== 'ready') return;
  console.log(`MCP endpoint: ${server.config.auth.resource} (dev issuer on: tokens below are for the demo only)`);
  for (const username of DEMO_TOKEN_USERS) {
    const minted = await mintDevToken(server.config, gateway, username).catch(() => null);
    if (minted) console.log(`  ${username.padEnd(13)} Bearer ${minted.token}`);
  }
}

class UsageError extends Error {}

function userArg(args: string[]): string {
  const { values } = parseArgs({ args, options: { user: { type: 'string' } }, strict: true });
  if (!values.user) throw new UsageError('--user <username> is required');
  return values.user;
}

async function token(config: Config, username: string): Promise<number> {
  const database = await openConfigured(config);
  try {
    await migrateToLatest(database.db);
    const minted = await mintDevToken(config, sqlGateway(database), username);
    // Only the token on stdout, so `TOKEN=$(charta token --user …)` works; the rest goes to stderr.
    console.error(
      `token for ${minted.username} (${minted.userId}), audience ${minted.audience}, expires ${new Date(minted.expiresAt * 1000).toISOString()}`,
    );
    console.log(minted.token);
    return 0;
  } catch (error) {
    if (error instanceof DevTokenError) {
      console.error(`charta: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`charta: ${error.message}`);
      return 78; // EX_CONFIG
    }
    throw error;
  }
  try {
    switch (command) {
      case 'start':
        return await start(config);
      case 'migrate':
        return await migrate(config);
      case 'seed':
        return await seed(config, rest);
      case 'mcp':
        return await serveMcpOverStdio(config, userArg(rest));
      case 'token':
        return await token(config, userArg(rest));
      case 'codes':
        return await codesCommand(rest);
      case 'triage-messages':
        return await triageMessagesCommand(config, rest, () => openConfigured(config));
      case 'audit':
        return await auditCommand(rest, () => openConfigured(config), config.auditCheckpointKey);
      default:
        console.error(`charta: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
        return 64; // EX_USAGE
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof AuditUsageError ||
      error instanceof TriageUsageError ||
      (error instanceof TypeError && 'code' in error)
    ) {
      console.error(`charta: ${error.message}\n\n${USAGE}`);
      return 64;
    }
    if (error instanceof MigrationError) {
      console.error(`charta: ${error.message}; the database was left unchanged`);
      return 1;
    }
    console.error(`charta: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('server/cli.ts')) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
