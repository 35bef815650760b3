import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../clinical/triage/classify.ts';
import { routeOf, triageOf } from './triage-view.ts';

const stored = (urgency: 'emergency' | 'urgent' | 'routine', categories: string[]) => ({
  urgency,
  categories,
  reasons: [],
  source: 'model',
  triagedAt: '2026-01-01T00:00:00Z',
});

describe('triageOf', () => {
  it('keeps the rules’ escalation when a stored triage says routine', () => {
    const t = triageOf({ body: 'I want to kill myself tonight.', triage: stored('routine', ['scheduling']) });
    expect(t.urgency).toBe('emergency');
    expect(t.escalate).toBe(true);
    expect(routeOf(t)).toBe('clinician');
  });

  it('lets a stored triage raise a message the rules call routine, ignoring unknown categories', () => {
    const t = triageOf({ body: 'Can I move Tuesday to 3pm?', triage: stored('urgent', ['scheduling', 'made_up']) });
    expect(t.urgency).toBe('urgent');
    expect(t.categories).toEqual(['scheduling']);
  });

  it('fails closed on a stored message too long to screen: urgent, escalated, routed to a person', () => {
    const t = triageOf({ body: 'x '.repeat(MAX_MESSAGE_CHARS), triage: null });
    expect(t).toMatchObject({ urgency: 'urgent', escalate: true });
    expect(t.reasons[0]?.code).toBe('too_long_to_screen');
    expect(routeOf(t)).toBe('clinician');
  });

  it('screens the text as get_message shows it, without invisible characters', () => {
    const t = triageOf({ body: 'i want to k\u200Bill my\u{E0020}self', triage: null });
    expect(t.urgency).toBe('emergency');
    expect(t.reasons[0]?.start).toBe(10);
  });
});
