import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineTool } from '../tools/define.ts';
import { createPipeline } from './pipeline.ts';

const gateway = {
  forPractice: () => {
    throw new Error('not used');
  },
};

describe('createPipeline', () => {
  it('refuses to build when a draft tool could be reached through supervision', () => {
    const bad = defineTool({
      name: 'draft_for_supervisees',
      title: 'x',
      description: 'x',
      permission: 'note:read',
      effect: 'draft',
      input: z.object({}),
      output: z.object({}),
      run: async () => ({}),
    });
    expect(() => createPipeline({ tools: [bad], gateway, audit: { append: async () => {} } })).toThrow(
      /supervision reach/,
    );
    expect(() =>
      createPipeline({ tools: [{ ...bad, effect: 'read' }], gateway, audit: { append: async () => {} } }),
    ).not.toThrow();
  });
});
