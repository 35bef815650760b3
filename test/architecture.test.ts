import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir))) {
    const path = join(root, dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(relative(root, path)));
    else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

/** Which top-level folder a relative import from `file` lands in. */
function targetFolder(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const resolved = relative(root, join(root, file, '..', specifier));
  return resolved.split('/')[0] ?? null;
}

/**
 * Small pure modules that any layer may import (the architecture's "leaf modules"): the audit chain's types and
 * hashing, shared by the policy layer and the SQL audit writer in ehr/sql. They must stay leaves, or ehr/ would
 * reach the policy layer through them.
 */
const LEAF_MODULES = [
  'policies/digest.ts',
  'policies/audit/chain.ts',
  'policies/audit/checkpoint.ts',
  'policies/audit/log.ts',
];

const resolvedPath = (file: string, specifier: string) => relative(root, join(root, file, '..', specifier));

describe('layering', () => {
  it('keeps clinical/ free of imports from the rest of charta and of I/O', () => {
    for (const file of sourceFiles('clinical')) {
      for (const spec of importsOf(file)) {
        expect(targetFolder(file, spec) ?? 'clinical', `${file} imports ${spec}`).toBe('clinical');
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^(node:)?(fs|net|http|child_process)|^pg$|kysely|pglite/);
      }
    }
  });

  it('keeps ehr/ from importing the server, the agent, tools or policies (but for the shared leaf modules)', () => {
    for (const file of sourceFiles('ehr')) {
      for (const spec of importsOf(file)) {
        if (LEAF_MODULES.includes(resolvedPath(file, spec))) continue;
        expect(['server', 'agent', 'tools', 'policies'], `${file} imports ${spec}`).not.toContain(
          targetFolder(file, spec),
        );
      }
    }
  });

  it('keeps the shared leaf modules leaves: they import only Node built-ins and each other', () => {
    for (const file of LEAF_MODULES) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('node:')) continue;
        expect(LEAF_MODULES, `${file} imports ${spec}`).toContain(resolvedPath(file, spec));
      }
    }
  });

  it('keeps tools/ away from the server, the SQL adapter and the human-only gateway', () => {
    for (const file of sourceFiles('tools')) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, file).not.toMatch(/HumanActions|humanActions/);
      for (const spec of importsOf(file)) {
        expect(['server', 'agent'], `${file} imports ${spec}`).not.toContain(targetFolder(file, spec));
        expect(spec, `${file} imports ${spec}`).not.toMatch(/ehr\/sql|pglite|^pg$|kysely/);
      }
    }
  });

  it('gives every tool an effect of read or draft and a unique snake_case name', async () => {
    const { allTools } = await import('../tools/index.ts');
    const names = allTools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of allTools) {
      expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(['read', 'draft']).toContain(tool.effect);
    }
  });

  it('keeps the tool-facing gateway free of human-only actions', () => {
    const gateway = readFileSync(join(root, 'ehr/gateway.ts'), 'utf8');
    const toolEhr = /export interface ToolEhr \{([\s\S]*?)\n\}/.exec(gateway)?.[1] ?? '';
    expect(toolEhr).toContain('read: EhrReader');
    expect(toolEhr).toContain('drafts: DraftWriter');
    expect(toolEhr).not.toMatch(/HumanActions|sign|send|submit|apply/i);
    const drafts = /export interface DraftWriter \{([\s\S]*?)\n\}/.exec(gateway)?.[1] ?? '';
    expect(drafts).not.toMatch(/\b(sign|lock|send|submit|apply|delete|revoke)\w*\(/i);
  });
});
