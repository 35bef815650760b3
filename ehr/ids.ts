import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Crockford base32 of the given bytes (lowercase, no padding). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** A new record id such as `note_3k9x…`: a type prefix, so a misplaced id is obvious in logs, and 80 random bits. */
export const newId = (prefix: string): string => `${prefix}_${base32(randomBytes(10))}`;

export const ID_PREFIX = {
  practice: 'prc',
  user: 'usr',
  client: 'cli',
  diagnosis: 'dx',
  consent: 'cns',
  appointment: 'apt',
  transcript: 'trn',
  note: 'note',
  assessment: 'asm',
  thread: 'thr',
  message: 'msg',
  replyDraft: 'rpl',
  treatmentPlan: 'tpl',
  intake: 'itk',
  claim: 'clm',
  claimLine: 'cln',
  audit: 'aud',
  webhook: 'whk',
  draftDocument: 'doc',
  claimCodeApproval: 'cca',
  riskFlag: 'rfl',
  triageAlert: 'alr',
  chatMessage: 'chm',
} as const;
