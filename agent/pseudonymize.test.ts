import { describe, expect, it } from 'vitest';
import { createPseudonymizer } from './pseudonymize.ts';

const client = {
  id: 'cli_abc123',
  firstName: 'Rowan',
  lastName: 'Quillfeather',
  dateOfBirth: '1990-04-03',
  phone: '(555) 010-0199',
  email: 'rowan.q@example.org',
  address: { line1: '12 Canal Way', city: 'Lakeside', state: 'OR' },
  insurance: { payer: 'Example Health', memberId: 'XEH-99812' },
  status: 'active',
};
const CANARIES = [
  'Rowan',
  'Quillfeather',
  '1990-04-03',
  '(555) 010-0199',
  'rowan.q@example.org',
  '12 Canal Way',
  'XEH-99812',
];

describe('pseudonymization', () => {
  it('replaces every PHI field of a client with placeholders and keeps ids, state and payer', () => {
    const p = createPseudonymizer();
    const masked = JSON.stringify(p.mask({ client }));
    for (const canary of CANARIES) expect(masked).not.toContain(canary);
    expect(masked).toContain('cli_abc123');
    expect(masked).toContain('Example Health');
    expect(masked).toContain('"state":"OR"');
    expect(masked).toMatch(/\[\[NAME_[0-9a-f]{6}\]\]/);
  });

  it('catches known names, phones and e-mails inside free text such as a message body', () => {
    const p = createPseudonymizer();
    p.mask({ client });
    const body = 'Hi, this is Rowan. Call me at 555-010-0177 or rowan.q@example.org. — R. Quillfeather';
    const masked = p.maskText(body);
    for (const canary of ['Rowan', 'Quillfeather', '555-010-0177', 'rowan.q@example.org'])
      expect(masked).not.toContain(canary);
  });

  it('catches a local number given without its area code, and restores it', () => {
    const p = createPseudonymizer();
    const masked = p.maskText('call me at 555-0142 or 555.0199 after 6; my dose is 50 mg and F32.9 is the code');
    expect(masked).not.toMatch(/555-0142|555\.0199/);
    expect(masked).toContain('50 mg');
    expect(masked).toContain('F32.9');
    expect(p.restore(masked)).toBe('call me at 555-0142 or 555.0199 after 6; my dose is 50 mg and F32.9 is the code');
  });

  it('restores placeholders in what the person sees and in tool arguments the model wrote', () => {
    const p = createPseudonymizer();
    const masked = p.mask({ client }) as { client: { firstName: string; lastName: string } };
    const fromModel = `${masked.client.firstName} ${masked.client.lastName} reported better sleep.`;
    expect(p.restore(fromModel)).toBe('Rowan Quillfeather reported better sleep.');
    expect(p.restoreDeep({ query: masked.client.lastName })).toEqual({ query: 'Quillfeather' });
  });

  it('gives the same value the same placeholder within a request, and different keys different placeholders', () => {
    const a = createPseudonymizer(Buffer.alloc(32, 1));
    const b = createPseudonymizer(Buffer.alloc(32, 2));
    expect(a.maskText(`${String(a.mask({ name: 'Rowan' }) && '')}Rowan and Rowan`)).toMatch(
      /^(\[\[NAME_\w+\]\]) and \1$/,
    );
    expect((a.mask({ name: 'Rowan' }) as { name: string }).name).not.toBe(
      (b.mask({ name: 'Rowan' }) as { name: string }).name,
    );
  });

  it('does not replace a name inside a longer word, and leaves unknown placeholders alone', () => {
    const p = createPseudonymizer();
    p.mask({ name: 'Ann' });
    expect(p.maskText('Annual review with Ann.')).toMatch(/^Annual review with \[\[NAME_\w+\]\]\.$/);
    expect(p.restore('[[NAME_000000]]')).toBe('[[NAME_000000]]');
  });
});
