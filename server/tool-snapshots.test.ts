import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../ehr/types.ts';
import { canonicalJson } from '../policies/digest.ts';
import { createPipeline } from '../policies/pipeline.ts';
import type { Principal } from '../policies/principal.ts';
import { allTools } from '../tools/index.ts';
import { toMcpTool } from './mcp.ts';

const dir = fileURLToPath(new URL('../tools/__snapshots__/', import.meta.url));
const update = process.env.UPDATE_TOOLSNAPS === '1';

/**
 * Every tool's public contract (what MCP clients and the model see) is committed as JSON. A change to a name,
 * description, schema or annotation shows up as a diff in review; a new tool without a snapshot fails CI.
 * Regenerate with UPDATE_TOOLSNAPS=1 after an intended change.
 */
describe('tool contract snapshots', () => {
  it.each(allTools.map((t) => [t.name, t] as const))('%s matches its snapshot', (name, tool) => {
    const contract = { ...toMcpTool(tool), permission: tool.permission, effect: tool.effect };
    const text = `${JSON.stringify(JSON.parse(canonicalJson(contract)), null, 2)}\n`;
    const file = join(dir, `${name}.json`);
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, text);
    }
    expect(existsSync(file), `no snapshot for ${name}; run with UPDATE_TOOLSNAPS=1`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

/**
 * What tools/list shows each role, committed as one file per role: a change to the role matrix or a new tool shows
 * up in review as a line added to or removed from a role's list (regenerated with UPDATE_TOOLSNAPS=1 as well).
 */
describe('tools/list per role', () => {
  const pipeline = createPipeline({
    tools: allTools,
    gateway: {
      forPractice: () => {
        throw new Error('listing tools reads no data');
      },
    },
    audit: { append: async () => {} },
  });
  it.each(ROLES.map((r) => [r] as const))('%s sees the tools in its snapshot', (role) => {
    const principal: Principal = {
      userId: 'usr_x',
      username: 'x',
      role,
      practiceId: 'prc_x',
      surface: 'mcp',
      clientApp: null,
    };
    const listed = pipeline.listTools(principal).map((t) => `${t.name} (${t.effect}, ${t.permission})`);
    const text = `${listed.join('\n')}\n`;
    const file = join(dir, 'roles', `${role}.txt`);
    if (update) {
      mkdirSync(join(dir, 'roles'), { recursive: true });
      writeFileSync(file, text);
    }
    expect(existsSync(file), `no tools/list snapshot for ${role}; run with UPDATE_TOOLSNAPS=1`).toBe(true);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
