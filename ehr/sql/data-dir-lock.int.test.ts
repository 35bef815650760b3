import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from './connect.ts';
import { DataDirInUseError } from './data-dir-lock.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'charta-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('embedded database directory lock', () => {
  it('refuses a second open of a directory held by a live process, naming that process', async () => {
    const dir = freshDir();
    const lockFile = join(dir, 'charta.pid');
    // A live process other than this one holds it (the parent of the test worker outlives the test).
    writeFileSync(lockFile, String(process.ppid));
    await expect(connect({ kind: 'pglite', dataDir: dir })).rejects.toThrow(DataDirInUseError);
    await expect(connect({ kind: 'pglite', dataDir: dir })).rejects.toThrow(
      new RegExp(`in use by process ${process.ppid}`),
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.ppid));
  });

  it('takes the directory, and gives it back on close so the next open succeeds', async () => {
    const dir = freshDir();
    const first = await connect({ kind: 'pglite', dataDir: dir });
    expect(readFileSync(join(dir, 'charta.pid'), 'utf8')).toBe(String(process.pid));
    await first.close();
    expect(() => readFileSync(join(dir, 'charta.pid'))).toThrow();
    const second = await connect({ kind: 'pglite', dataDir: dir });
    await second.close();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = freshDir();
    // Far above any pid_max, so no process can have it.
    writeFileSync(join(dir, 'charta.pid'), '2147483646');
    const db = await connect({ kind: 'pglite', dataDir: dir });
    expect(readFileSync(join(dir, 'charta.pid'), 'utf8')).toBe(String(process.pid));
    await db.close();
  });
});
