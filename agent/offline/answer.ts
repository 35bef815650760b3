import { ID_PREFIX } from '../../ehr/ids.ts';

/**
 * Turns a tool result into the offline assistant's answer: only what the result holds, each item with the record id
 * it came from as a citation, and a plain statement when there is nothing to say. Pure.
 */

const MAX_ITEMS = 10;
/** Fields worth a reader's attention, in the order they are shown; anything else stays in the tool result. */
const SALIENT = [
  'name',
  'displayName',
  'startsAt',
  'serviceType',
  'modality',
  'format',
  'kind',
  'instrument',
  'administeredAt',
  'totalScore',
  'severity',
  'urgency',
  'categories',
  'code',
  'description',
  'dateOfService',
  'status',
  'reason',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(item: Record<string, Json>): string {
  const parts: string[] = [];
  for (const key of SALIENT) {
    const value = item[key];
    if (value === null || value === undefined || value === '') continue;
    parts.push(Array.isArray(value) ? value.join(', ') : isObject(value) ? '' : String(value));
  }
  const id = typeof item.id === 'string' ? item.id : typeof item.messageId === 'string' ? item.messageId : null;
  const text = parts.filter(Boolean).join(' · ') || 'record';
  return id ? `${text} [${id}]` : text;
}

const label = (tool: string) => tool.replace(/_/g, ' ');

/** The record kinds an answer cites, by their id prefixes in ehr/ids.ts (practice, audit and line ids are not sources). */
const CITABLE = (
  [
    'client',
    'note',
    'appointment',
    'message',
    'thread',
    'claim',
    'assessment',
    'treatmentPlan',
    'transcript',
    'user',
    'replyDraft',
    'intake',
    'consent',
    'diagnosis',
    'riskFlag',
    'draftDocument',
  ] as const
).map((kind) => ID_PREFIX[kind]);
const RECORD_ID = new RegExp(`\\b(?:${CITABLE.join('|')})_[A-Za-z0-9]{6,}\\b`, 'g');

/** Every record id a result mentions, in order of first appearance: the sources an answer cites. */
export function sourcesOf(value: unknown): string[] {
  return [...new Set(JSON.stringify(value ?? null).match(RECORD_ID) ?? [])];
}

function withSources(text: string, value: unknown): string {
  const ids = sourcesOf(value);
  if (ids.length === 0) return text;
  const shown = ids.slice(0, 12).map((id) => `[${id}]`);
  return `${text}\nSources: ${shown.join(' ')}${ids.length > 12 ? ` and ${ids.length - 12} more` : ''}`;
}

export function answerFrom(tool: string, value: unknown): string {
  if (isObject(value) && isObject(value.error)) return answerBody(tool, value);
  return withSources(answerBody(tool, value), value);
}

function answerBody(tool: string, value: unknown): string {
  if (isObject(value) && isObject(value.error)) {
    const { code, message } = value.error;
    return `I could not do that: ${String(message)} (${String(code)}). Nothing was changed.`;
  }
  if (isObject(value) && Array.isArray(value.items)) {
    const items = value.items.filter(isObject);
    if (items.length === 0) return `The record has nothing for that (${label(tool)} returned no items).`;
    const lines = items.slice(0, MAX_ITEMS).map((i) => `- ${describe(i)}`);
    const more = items.length > MAX_ITEMS || value.nextCursor ? '\n(More results exist; ask for the next page.)' : '';
    return `From ${label(tool)}, ${items.length} item${items.length === 1 ? '' : 's'}:\n${lines.join('\n')}${more}`;
  }
  if (isObject(value)) {
    const head = isObject(value.client) ? value.client : value;
    const facts = Object.entries(value)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      .slice(0, 12)
      .map(([k, v]) => `- ${k}: ${String(v)}`);
    const id = typeof head.id === 'string' ? ` [${head.id}]` : '';
    const body = facts.length > 0 ? facts.join('\n') : `- ${describe(head)}`;
    return `From ${label(tool)}${id}:\n${body}`;
  }
  return `From ${label(tool)}: ${JSON.stringify(value)}`;
}
