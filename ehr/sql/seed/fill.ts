import type { PracticeContext, SeededClient } from './model.ts';

const PLACEHOLDER = /\{(client|clinician|guardian|partner|sibling|practice)\}/g;

/** Replaces the content placeholders with this client's names. Unknown braces are a content bug and throw. */
export function fill(text: string, ctx: PracticeContext, client: SeededClient, clinicianFirstName: string): string {
  const guardianFirst = client.guardianName?.split(' ')[0] ?? 'the parent';
  const out = text.replace(PLACEHOLDER, (_, name: string) => {
    switch (name) {
      case 'client':
        return client.firstName;
      case 'clinician':
        return clinicianFirstName;
      case 'guardian':
        return guardianFirst;
      case 'partner':
      case 'sibling':
        return client.companionFirstName ?? (name === 'partner' ? 'your partner' : 'your brother');
      default:
        return ctx.spec.name;
    }
  });
  if (/\{[a-z_]+\}/.test(out)) throw new Error(`unfilled placeholder in demo content: ${out.slice(0, 80)}`);
  return out;
}
