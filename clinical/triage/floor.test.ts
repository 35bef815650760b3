import { describe, expect, it } from 'vitest';
import { classifyMessage } from './classify.ts';
import { type ModelOpinion, mergeWithFloor } from './floor.ts';

const risky = classifyMessage("I've given my things away and written letters to my kids. Goodbye and thank you.");
const routine = classifyMessage('Can I move my appointment on Thursday to 4pm?');

describe('mergeWithFloor', () => {
  it('refuses a scripted model downgrade of an escalated message', () => {
    expect(risky.urgency).toBe('emergency');
    const downgrade: ModelOpinion = { urgency: 'routine', categories: ['scheduling'], reasons: [] };
    const merged = mergeWithFloor(risky, downgrade);
    expect(merged.urgency).toBe('emergency');
    expect(merged.escalate).toBe(true);
    expect(merged.categories).toContain('urgent_risk');
    expect(merged.reasons).toEqual(expect.arrayContaining(risky.reasons));
  });

  it('lets a model raise urgency and add its reasons, marked as the model’s', () => {
    const merged = mergeWithFloor(routine, {
      urgency: 'urgent',
      categories: ['scheduling', 'urgent_risk'],
      reasons: [{ code: 'tone', text: 'Thursday', start: 34, end: 42 }],
    });
    expect(merged.urgency).toBe('urgent');
    expect(merged.escalate).toBe(true);
    expect(merged.categories).toEqual(['urgent_risk', 'scheduling']);
    expect(merged.reasons.at(-1)?.code).toBe('model:tone');
    expect(merged.source).toBe('rules+model');
  });

  it('keeps every step of a series of downgrade attempts at the floor', () => {
    let current = risky;
    for (const urgency of ['urgent', 'routine', 'routine'] as const) {
      current = mergeWithFloor(current, { urgency, categories: [] });
      expect(current.urgency).toBe('emergency');
    }
  });

  it('lets a model decide the office categories but never take away the clinician’s', () => {
    const passing = classifyMessage('See you at my appointment Thursday. How do I stop the panic before work?');
    expect(passing.categories).toEqual(expect.arrayContaining(['clinical_question']));
    const merged = mergeWithFloor(passing, { categories: ['other'] });
    expect(merged.categories).toEqual(['clinical_question']);
    const office = mergeWithFloor(routine, { categories: ['administrative'] });
    expect(office.categories).toEqual(['administrative']);
    const fromRisk = mergeWithFloor(risky, { categories: ['billing_insurance'] });
    expect(fromRisk.categories).toEqual(['urgent_risk', 'billing_insurance']);
  });

  it('keeps the rules’ categories when the model names none', () => {
    expect(mergeWithFloor(routine, { urgency: 'routine' }).categories).toEqual(routine.categories);
    expect(mergeWithFloor(routine, { categories: [] }).categories).toEqual(routine.categories);
  });

  it('returns the rules’ result unchanged when no model is configured', () => {
    expect(mergeWithFloor(routine, null)).toBe(routine);
  });
});
