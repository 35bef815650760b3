import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, loadConfig } from './config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('defaults to the embedded database with the demo on, on 127.0.0.1:8787', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8787, demo: true, logLevel: 'info' });
    expect(config.database.kind).toBe('pglite');
    expect(config.database.kind === 'pglite' && config.database.dataDir).toMatch(/\.charta\/pgdata$/);
  });

  it('uses PostgreSQL when DATABASE_URL is set, with the demo off unless asked for', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:secret@db.internal:5433/ehr' });
    expect(config.database).toMatchObject({ kind: 'postgres', poolSize: 10 });
    expect(config.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://h/db', CHARTA_DEMO: 'true' }).demo).toBe(true);
    expect(describeDatabase(config)).toBe('PostgreSQL at db.internal:5433/ehr');
  });

  it('names each invalid variable and the rule it broke', () => {
    const problems = problemsOf({ PORT: 'eighty', LOG_LEVEL: 'loud', CHARTA_DEMO: 'maybe' });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/must be a number.*"eighty"/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toMatch(/must be one of/);
    expect(problems.find((p) => p.startsWith('CHARTA_DEMO:'))).toMatch(/true or false/);
  });

  it('rejects out-of-range ports and non-postgres database URLs', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: must be between 0 and 65535/);
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost/db' })[0]).toMatch(/^DATABASE_URL: must be a postgres/);
  });

  it('never echoes the value of a secret variable', () => {
    const [problem] = problemsOf({ DATABASE_URL: 'mysql://admin:hunter2@db/x' });
    expect(problem).not.toContain('hunter2');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(8787);
  });
});
