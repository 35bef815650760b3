import { describe, expect, it } from 'vitest';
import { allTools } from './index.ts';
import { selectTools } from './select.ts';

describe('tool allow-list', () => {
  it('selects tools by name', () => {
    expect(selectTools(allTools, ['get_client', 'list_notes'])).toEqual({
      ok: true,
      names: ['get_client', 'list_notes'],
    });
  });

  it('selects a toolset by the area of its permission', () => {
    const picked = selectTools(allTools, ['message']);
    expect(picked.ok && picked.names).toEqual(
      allTools.filter((t) => t.permission.startsWith('message:')).map((t) => t.name),
    );
    expect(picked.ok && picked.names).toContain('draft_reply');
  });

  it('selects every read tool with the read toolset, and no draft tool', () => {
    const picked = selectTools(allTools, ['read']);
    if (!picked.ok) throw new Error('read is a toolset');
    expect(picked.names.length).toBeGreaterThan(5);
    for (const name of picked.names) expect(allTools.find((t) => t.name === name)?.effect).toBe('read');
  });

  it('names every unknown entry instead of offering nothing', () => {
    expect(selectTools(allTools, ['get_client', 'sign_note', 'wire_money'])).toEqual({
      ok: false,
      unknown: ['sign_note', 'wire_money'],
    });
  });
});
