import type { AnyTool } from './define.ts';

/**
 * Which tools a deployment offers, from an allow-list whose entries are tool names or toolsets. A toolset is the
 * area a tool's permission belongs to (`note` for `note:read` and `note:draft`, `message`, `claim`, `coding`…) or
 * one of the effects, `read` and `draft`. An unknown entry is a configuration error, not a silent empty list.
 */
export function toolsetsOf(tool: AnyTool): string[] {
  return [tool.permission.split(':')[0] ?? tool.permission, tool.effect];
}

export function selectTools(
  tools: readonly AnyTool[],
  entries: readonly string[],
): { ok: true; names: string[] } | { ok: false; unknown: string[] } {
  const unknown = entries.filter((e) => !tools.some((t) => t.name === e || toolsetsOf(t).includes(e)));
  if (unknown.length > 0) return { ok: false, unknown };
  return {
    ok: true,
    names: tools.filter((t) => entries.some((e) => t.name === e || toolsetsOf(t).includes(e))).map((t) => t.name),
  };
}
