import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../policies/digest.ts';
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
