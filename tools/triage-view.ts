import * as z from 'zod';
import { CATEGORIES, classifyMessage, MAX_MESSAGE_CHARS, type Triage } from '../clinical/triage/classify.ts';
import { mergeWithFloor } from '../clinical/triage/floor.ts';
import type { InboxMessage } from '../ehr/types.ts';
import { sanitizeUntrusted } from '../policies/fence.ts';

/** Shapes and helpers shared by the triage tools (classify_message, triage_inbox, draft_reply). */
export const UrgencySchema = z.enum(['emergency', 'urgent', 'routine']);
export const CategorySchema = z.enum(CATEGORIES as [string, ...string[]]);

export const ReasonSpan = z.object({
  code: z.string().describe('risk kind (suicide_direct, abuse_partner…), category:<name>, or model:<code>'),
  start: z.number().int().describe('offset into the message as get_message shows it'),
  end: z.number().int(),
});

/** Who should handle a message: risk and clinical content go to the clinician, the rest to the front desk. */
export type Route = 'clinician' | 'front_desk';
export function routeOf(triage: Triage): Route {
  return triage.escalate || triage.categories.some((c) => c === 'urgent_risk' || c === 'clinical_question')
    ? 'clinician'
    : 'front_desk';
}

/**
 * The triage of a stored message: the rules over the text as charta shows it (invisible characters removed, so
 * offsets match get_message), merged with any stored triage (from a model or a person) under the safety floor —
 * a stored "routine" never lowers what the rules escalated.
 */
export function triageOf(message: Pick<InboxMessage, 'body' | 'triage'>): Triage {
  const text = sanitizeUntrusted(message.body);
  // Fail closed: a message too long to screen is unscreened, and an unscreened message goes to a person.
  const rules: Triage =
    text.length > MAX_MESSAGE_CHARS
      ? {
          categories: ['other'],
          urgency: 'urgent',
          escalate: true,
          reasons: [{ code: 'too_long_to_screen', text: '', start: 0, end: 0 }],
          discounted: [],
          source: 'rules',
        }
      : classifyMessage(text);
  if (!message.triage) return rules;
  return mergeWithFloor(rules, {
    urgency: message.triage.urgency,
    categories: message.triage.categories.filter((c): c is Triage['categories'][number] =>
      (CATEGORIES as readonly string[]).includes(c),
    ),
    reasons: message.triage.reasons,
  });
}

/** Control characters other than tab, newline and carriage return: never part of a message a person typed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
