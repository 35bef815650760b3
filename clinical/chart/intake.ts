/**
 * Intake answers → a proposed patch to the client record, the information still missing, and an onboarding message
 * asking for it. Answers are patient-authored and untrusted: only known fields are read, each value must pass its
 * field's check, and nothing in the text is ever followed as an instruction. Pure.
 */

export type IntakeField = 'preferredName' | 'pronouns' | 'email' | 'phone' | 'preferredLanguage' | 'interpreterNeeded';

/** Answer keys (or "Label:" lines of intake text, lower-cased, spaces as underscores) that name a record field. */
const FIELD_OF_KEY: Record<string, IntakeField> = {
  preferred_name: 'preferredName',
  preferred_pronouns: 'pronouns',
  pronouns: 'pronouns',
  email: 'email',
  email_update: 'email',
  phone: 'phone',
  phone_update: 'phone',
  phone_number: 'phone',
  preferred_language: 'preferredLanguage',
  language: 'preferredLanguage',
  interpreter_needed: 'interpreterNeeded',
};

const CHECK: Record<IntakeField, (value: string) => string | boolean | null> = {
  preferredName: (v) => (/^[\p{L}][\p{L}' .-]{0,39}$/u.test(v) ? v : null),
  pronouns: (v) => (/^[a-z]{1,8}(\/[a-z]{1,8}){1,2}$/i.test(v) ? v.toLowerCase() : null),
  email: (v) => (/^[^\s@<>]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,}$/i.test(v) ? v.toLowerCase() : null),
  phone: (v) => {
    const digits = v.replace(/[\s().-]/g, '');
    return /^\+?1?\d{10}$/.test(digits) ? v : null;
  },
  preferredLanguage: (v) => (/^[a-z]{2,3}(-[A-Z]{2})?$/.test(v) ? v : null),
  interpreterNeeded: (v) => (/^(yes|y|true)$/i.test(v) ? true : /^(no|n|false)$/i.test(v) ? false : null),
};

export interface IntakeRecord {
  preferredName: string | null;
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  insurance: { memberId: string } | null;
  address: unknown;
  part2: boolean;
}

export interface IntakeEvidence {
  /** `answers.<key>` for a stored answer, `text` for supplied intake-session text. */
  source: string;
  start: number;
  end: number;
  quote: string;
}

export interface PatchEntry {
  field: IntakeField;
  oldValue: string | boolean | null;
  newValue: string | boolean;
  evidence: IntakeEvidence;
}

export interface Unreadable {
  field: IntakeField;
  evidence: IntakeEvidence;
  reason: string;
}

export interface MissingItem {
  item: 'insurance_policy_number' | 'emergency_contact' | 'address' | 'phone' | 'email' | 'consent' | 'baseline';
  detail: string;
}

export interface IntakeProposal {
  patch: PatchEntry[];
  /** Values that name a field but fail its check: left for a person to confirm, never patched. */
  unreadable: Unreadable[];
  missing: MissingItem[];
  message: string;
}

/** Evidence quotes are for a reviewer to recognize the answer, not to carry a whole essay back. */
const MAX_QUOTE = 200;
const quoteOf = (value: string) => (value.length > MAX_QUOTE ? `${value.slice(0, MAX_QUOTE)}…` : value);

const EMERGENCY_KEYS = /^(emergency_contact|emergency_contact_name|emergency_phone)$/;
const LABEL_LINE = /^[ \t]*([A-Za-z][A-Za-z ]{1,40}?)[ \t]*:[ \t]*(.+?)[ \t]*$/gm;

interface Found {
  key: string;
  value: string;
  evidence: IntakeEvidence;
}

function answersOf(answers: Readonly<Record<string, string>>, text: string | undefined): Found[] {
  const found: Found[] = Object.entries(answers).map(([key, value]) => ({
    key,
    value: value.trim(),
    evidence: { source: `answers.${key}`, start: 0, end: value.length, quote: quoteOf(value) },
  }));
  for (const m of (text ?? '').matchAll(LABEL_LINE)) {
    const key = (m[1] ?? '').trim().toLowerCase().replaceAll(' ', '_');
    const value = m[2] ?? '';
    const start = (m.index ?? 0) + m[0].indexOf(value, (m[1] ?? '').length);
    found.push({ key, value, evidence: { source: 'text', start, end: start + value.length, quote: quoteOf(value) } });
  }
  return found;
}

export function proposeIntakeUpdate(input: {
  answers: Readonly<Record<string, string>>;
  text?: string;
  record: IntakeRecord;
  /** Consent kinds in force for the client. */
  consents: readonly string[];
  /** Instruments with at least one administration. */
  baselines: readonly string[];
  greetingName: string;
}): IntakeProposal {
  const patch: PatchEntry[] = [];
  const unreadable: Unreadable[] = [];
  const found = answersOf(input.answers, input.text);
  for (const { key, value, evidence } of found) {
    const field = FIELD_OF_KEY[key];
    if (!field) continue;
    const checked = CHECK[field](value);
    if (checked === null) {
      unreadable.push({ field, evidence, reason: `does not read as a valid ${field}` });
      continue;
    }
    const oldValue = input.record[field];
    if (oldValue === checked) continue;
    const at = patch.findIndex((p) => p.field === field);
    const entry = { field, oldValue, newValue: checked, evidence };
    // The later source wins: supplied intake-session text comes after the portal answers.
    if (at >= 0) patch[at] = entry;
    else patch.push(entry);
  }

  const proposed = (field: IntakeField) => patch.some((p) => p.field === field);
  const missing: MissingItem[] = [];
  if (!input.record.insurance?.memberId) {
    missing.push({ item: 'insurance_policy_number', detail: 'Insurance member (policy) number and a card image.' });
  }
  if (!found.some((f) => EMERGENCY_KEYS.test(f.key) && f.value !== '')) {
    missing.push({ item: 'emergency_contact', detail: 'An emergency contact: name, relationship and phone.' });
  }
  if (!input.record.address) missing.push({ item: 'address', detail: 'A home address.' });
  if (!input.record.phone && !proposed('phone')) missing.push({ item: 'phone', detail: 'A phone number.' });
  if (!input.record.email && !proposed('email')) missing.push({ item: 'email', detail: 'An email address.' });
  const consents = ['ai_documentation', 'session_recording', ...(input.record.part2 ? ['part2_disclosure'] : [])];
  for (const kind of consents.filter((k) => !input.consents.includes(k))) {
    missing.push({ item: 'consent', detail: `Consent: ${kind.replaceAll('_', ' ')}.` });
  }
  for (const instrument of ['PHQ-9', 'GAD-7'].filter((i) => !input.baselines.includes(i))) {
    missing.push({ item: 'baseline', detail: `Baseline ${instrument} questionnaire.` });
  }
  return { patch, unreadable, missing, message: onboardingMessage(input.greetingName, missing, unreadable) };
}

function onboardingMessage(name: string, missing: readonly MissingItem[], unreadable: readonly Unreadable[]): string {
  const asks = [
    ...missing.map((m) => m.detail),
    ...unreadable.map(
      (u) => `Please check the ${u.field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} you gave us.`,
    ),
  ];
  if (asks.length === 0) {
    return `Hello ${name},\n\nThank you for completing your intake forms. We have everything we need before your first appointment.\n\nThe care team`;
  }
  return (
    `Hello ${name},\n\nThank you for completing your intake forms. Before your first appointment, we still need:\n` +
    asks.map((a) => `- ${a}`).join('\n') +
    '\n\nYou can add these in the client portal or bring them to your appointment.\n\nThe care team'
  );
}
