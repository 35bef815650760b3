import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { pino } from 'pino';
import type { Principal } from '../policies/principal.ts';
import type { Config } from './config.ts';
import { createLogger } from './logger.ts';
import { createMcpServer } from './mcp.ts';
import { Store } from './store.ts';
import { pipelineFor } from './surfaces.ts';

/**
 * `charta mcp --user <username>`: MCP over stdio for a local client (Claude Desktop and the like) acting as one
 * charta user. The person who can run this command on the machine is trusted to be that user — the same trust a
 * desktop EHR client gets — so it is meant for a clinician's own machine, not a shared server. Logs go to stderr:
 * stdout carries the protocol.
 */
export async function serveMcpOverStdio(config: Config, username: string): Promise<number> {
  const log = createLogger({ level: config.logLevel, destination: pino.destination(2) });
  const store = new Store(config, log);
  await store.start();
  const gateway = store.gateway;
  if (store.state.status !== 'ready' || !gateway) {
    const reason = 'reason' in store.state ? store.state.reason : store.state.status;
    console.error(`charta: the database is not ready (${reason})`);
    await store.close();
    return 1;
  }
  const user = await gateway.findUserByUsername(username);
  if (!user?.active) {
    console.error(`charta: no active user named ${JSON.stringify(username)}`);
    await store.close();
    return 1;
  }
  const principal: Principal = {
    userId: user.id,
    username: user.username,
    role: user.role,
    practiceId: user.practiceId,
    surface: 'mcp',
    clientApp: 'stdio',
  };
  const pipeline = pipelineFor(store, log, config.tools, config.model);
  log.info({ userId: user.id, role: user.role }, 'serving MCP over stdio');
  const handle = serveStdio(() => createMcpServer(pipeline, principal), {
    onerror: (error) => log.warn({ err: error }, 'stdio transport error'),
  });
  // The client closing our stdin ends the session; the audit log gets its final checkpoint on the way out.
  await new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await handle.close();
  await store.close();
  return 0;
}
