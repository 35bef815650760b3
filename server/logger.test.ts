import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination }) };
}

describe('logger', () => {
  it('censors PHI fields at the top level and one level down', () => {
    const { lines, log } = capture();
    log.info(
      {
        clientId: 'cli_123',
        firstName: 'Testname',
        client: { lastName: 'Surnamefake', dateOfBirth: '1990-01-01', mrn: 'LC-1' },
        message: { body: 'I feel hopeless' },
        review: { reviewNote: 'called the client at noon', note: 'safety plan updated' },
      },
      'read client',
    );
    const out = lines.join('');
    expect(out).toContain('cli_123');
    for (const phi of ['Testname', 'Surnamefake', '1990-01-01', 'LC-1', 'hopeless', 'at noon', 'safety plan'])
      expect(out).not.toContain(phi);
    expect(out).toContain('[redacted]');
  });

  it('censors authorization and cookie headers', () => {
    const { lines, log } = capture();
    log.info({ req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=xyz' } } }, 'request');
    expect(lines.join('')).not.toMatch(/abc\.def|sid=xyz/);
  });
});
