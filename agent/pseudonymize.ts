import { createHmac, randomBytes } from 'node:crypto';
import { escapeRegExp } from '../clinical/regexp.ts';

/**
 * PHI_MODE=pseudonymize: names, dates of birth, phone numbers, e-mail addresses, postal addresses and insurance ids
 * are replaced with placeholders such as [[NAME_3f9a1c]] before anything reaches the model, and put back in what the
 * person sees. Placeholders are keyed per request, and every request re-masks the whole conversation, so nothing
 * has to be remembered between turns.
 *
 * Known limit: a name the person types before any tool has returned it reaches the model as typed.
 */

type Kind = 'NAME' | 'DOB' | 'PHONE' | 'EMAIL' | 'ADDRESS' | 'INSURANCE_ID';

/** Output fields that hold PHI, by kind. Nested objects under these keys are masked leaf by leaf. */
const FIELD_KINDS: Record<string, Kind> = {
  firstName: 'NAME',
  lastName: 'NAME',
  preferredName: 'NAME',
  name: 'NAME',
  guardianName: 'NAME',
  dateOfBirth: 'DOB',
  phone: 'PHONE',
  email: 'EMAIL',
  address: 'ADDRESS',
  insurance: 'INSURANCE_ID',
  guardian: 'NAME',
};
/** Inside objects masked as a whole (insurance, guardian), only these leaves are identifiers; the rest stays. */
const NESTED_KINDS: Record<string, Kind> = {
  memberId: 'INSURANCE_ID',
  groupNumber: 'INSURANCE_ID',
  subscriberName: 'NAME',
  name: 'NAME',
  phone: 'PHONE',
  email: 'EMAIL',
  line1: 'ADDRESS',
  line2: 'ADDRESS',
  street: 'ADDRESS',
  city: 'ADDRESS',
  postalCode: 'ADDRESS',
  zip: 'ADDRESS',
};

/** Safe Harbor keeps the state: it says nothing about who the person is. */
const KEPT_ADDRESS_PARTS = new Set(['state', 'country']);

const PHONE = /\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b/g;
/** A local number without its area code ("555-0142"), written with a dash or a dot, as people give them in messages. */
const LOCAL_PHONE = /\b\d{3}[-.]\d{4}\b/g;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const PLACEHOLDER = /\[\[(?:NAME|DOB|PHONE|EMAIL|ADDRESS|INSURANCE_ID)_[0-9a-f]{6}\]\]/g;

export interface Pseudonymizer {
  /** A tool result as the model may see it: PHI fields replaced, known values replaced inside free text. */
  mask(value: unknown): unknown;
  maskText(text: string): string;
  /** Placeholders back to real values: for what the person sees and for tool arguments the model wrote. */
  restore(text: string): string;
  restoreDeep<T>(value: T): T;
}

export function createPseudonymizer(key: Uint8Array = randomBytes(32)): Pseudonymizer {
  const toReal = new Map<string, string>();
  const toPlaceholder = new Map<string, string>();

  function register(kind: Kind, real: string): string {
    const trimmed = real.trim();
    if (trimmed.length < 2) return real;
    const known = toPlaceholder.get(trimmed.toLowerCase());
    if (known) return known;
    const tag = createHmac('sha256', key).update(`${kind}\n${trimmed.toLowerCase()}`).digest('hex').slice(0, 6);
    const placeholder = `[[${kind}_${tag}]]`;
    toReal.set(placeholder, trimmed);
    toPlaceholder.set(trimmed.toLowerCase(), placeholder);
    // "Jordan Blake" also covers "Jordan" and "Blake" on their own in free text.
    if (kind === 'NAME' && /\s/.test(trimmed)) for (const part of trimmed.split(/\s+/)) register('NAME', part);
    return placeholder;
  }

  function maskLeaf(kind: Kind, value: unknown): unknown {
    if (typeof value === 'string') return register(kind, value);
    if (Array.isArray(value)) return value.map((v) => maskLeaf(kind, v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const nested = NESTED_KINDS[k];
        out[k] = nested
          ? maskLeaf(nested, v)
          : kind === 'ADDRESS' && typeof v === 'string' && !KEPT_ADDRESS_PARTS.has(k)
            ? register('ADDRESS', v)
            : v;
      }
      return out;
    }
    return value;
  }

  function collect(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(collect);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const kind = FIELD_KINDS[k];
        out[k] = kind ? maskLeaf(kind, v) : collect(v);
      }
      return out;
    }
    return value;
  }

  function maskText(text: string): string {
    let out = text
      .replace(EMAIL, (m) => register('EMAIL', m))
      .replace(PHONE, (m) => register('PHONE', m))
      .replace(LOCAL_PHONE, (m) => register('PHONE', m));
    // Longest values first, so "Jordan Blake" is replaced before "Jordan".
    const values = [...toPlaceholder.keys()].sort((a, b) => b.length - a.length);
    for (const value of values) {
      const placeholder = toPlaceholder.get(value) as string;
      out = out.replace(new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(value)}(?![\\p{L}\\d])`, 'giu'), placeholder);
    }
    return out;
  }

  function maskStrings(value: unknown): unknown {
    if (typeof value === 'string') return maskText(value);
    if (Array.isArray(value)) return value.map(maskStrings);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v)]));
    return value;
  }

  const restore = (text: string) => text.replace(PLACEHOLDER, (p) => toReal.get(p) ?? p);
  function restoreDeep<T>(value: T): T {
    if (typeof value === 'string') return restore(value) as T;
    if (Array.isArray(value)) return value.map(restoreDeep) as T;
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreDeep(v)])) as T;
    return value;
  }

  return {
    // Fields first (so their values are known), then every string, so a name inside a message body is caught too.
    mask: (value) => maskStrings(collect(value)),
    maskText,
    restore,
    restoreDeep,
  };
}
