import { parseArgs } from 'node:util';
import { connect } from '../ehr/sql/connect.ts';
import { MigrationError, migrateToLatest } from '../ehr/sql/migrate.ts';
import { buildDemoData, DEFAULT_SEED } from '../ehr/sql/seed/build.ts';
import { todayIn } from '../ehr/sql/seed/calendar.ts';
import { DEMO_PRACTICES } from '../ehr/sql/seed/content/people.ts';
import { clearAll, hasData, loadRows } from '../ehr/sql/seed/load.ts';
import { type Config, ConfigError, describeDatabase, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './start.ts';

const USAGE = `charta — the AI assistant layer beside a behavioral-health EHR

Usage:
  charta start                         start the server (migrates; loads the demo into an empty embedded database)
  charta migrate                       apply pending database migrations, then exit
  charta seed [--reset] [--seed N] [--anchor YYYY-MM-DD]
                                       load the demo practices; --reset wipes the database first
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
  const state = server.store.state;
  console.log(
    `charta is listening on ${server.url} (${describeDatabase(config)}${state.status === 'ready' && state.demoLoaded ? ', demo practices loaded' : ''}; state: ${state.status})`,
  );
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
  return new Promise<number>(() => {});
}

class UsageError extends Error {}

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
      default:
        console.error(`charta: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
        return 64; // EX_USAGE
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
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
