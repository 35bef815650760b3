import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../ehr/types.ts';
import { loadConfig } from '../config.ts';
import { fakeUsers, testUser } from './fixtures.ts';
import { createAuth } from './index.ts';
import { DevTokenError, mintDevToken } from './token-cli.ts';

const people = [testUser('usr_test_clinician', 'clinician'), testUser('usr_test_former', 'biller', { active: false })];
const gateway = {
  findUserByUsername: async (username: string): Promise<User | null> =>
    people.find((u) => u.username === username) ?? null,
};
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charta-token-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mintDevToken (charta token --user)', () => {
  it('mints a token for a username that a server on the same data directory accepts', async () => {
    const config = loadConfig({ CHARTA_DATA_DIR: dir });
    const minted = await mintDevToken(config, gateway, 'test.clinician', { ttlSec: 120 });
    expect(minted).toMatchObject({ userId: 'usr_test_clinician', username: 'test.clinician' });
    expect(minted.audience).toBe('http://127.0.0.1:8787/mcp');
    // The server starts after the CLI ran: it loads the key file the CLI created.
    const auth = await createAuth(config.auth, { users: fakeUsers(people) });
    const verified = await auth.verifier.verify(minted.token);
    expect(verified.user.role).toBe('clinician');
    expect(verified.expiresAt).toBe(minted.expiresAt);
  });

  it('refuses unknown and deactivated users, and a configuration without the dev issuer', async () => {
    const config = loadConfig({ CHARTA_DATA_DIR: dir });
    await expect(mintDevToken(config, gateway, 'no.body')).rejects.toThrow(DevTokenError);
    await expect(mintDevToken(config, gateway, 'test.former')).rejects.toThrow(/deactivated/);
    const external = loadConfig({ CHARTA_DATA_DIR: dir, AUTH_ISSUER: 'https://idp.test/' });
    await expect(mintDevToken(external, gateway, 'test.clinician')).rejects.toThrow(/dev issuer is off/);
  });
});
