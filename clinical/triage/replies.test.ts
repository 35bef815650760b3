import { describe, expect, it } from 'vitest';
import { CATEGORIES, classifyMessage, type Triage } from './classify.ts';
import { draftReplyBody, replyConcerns } from './replies.ts';

const triage = (categories: Triage['categories'], urgency: Triage['urgency'] = 'routine'): Triage => ({
  categories,
  urgency,
  escalate: urgency !== 'routine',
  reasons: [],
  discounted: [],
  source: 'rules',
});
const signature = 'The Lakeside care team';

describe('draftReplyBody', () => {
  for (const language of ['en', 'es']) {
    for (const category of CATEGORIES) {
      it(`writes a ${language} ${category} reply with no diagnosis, medication advice or promise`, () => {
        const body = draftReplyBody(triage([category], category === 'urgent_risk' ? 'emergency' : 'routine'), {
          language,
          signature,
        });
        expect(replyConcerns(body)).toEqual([]);
        expect(body).toContain(signature);
      });
    }
  }

  it('gives a risk message 988 and 911 and nothing routine beside them', () => {
    const result = classifyMessage("Please cancel next week, I won't be needing it. I've given my things away.");
    const body = draftReplyBody(result, { language: 'en', signature });
    expect(body).toMatch(/988/);
    expect(body).toMatch(/911/);
    expect(body).not.toMatch(/calendar/);
  });

  it('answers in Spanish when the message is Spanish, with the Spanish line of 988', () => {
    const body = draftReplyBody(triage(['urgent_risk'], 'urgent'), { language: 'es', signature });
    expect(body).toMatch(/988.*oprima 2/);
  });

  it('answers every intent of a multi-intent message', () => {
    const body = draftReplyBody(triage(['medication_refill', 'scheduling']), { language: 'en', signature });
    expect(body).toMatch(/prescriber/);
    expect(body).toMatch(/calendar/);
  });
});

describe('replyConcerns', () => {
  it.each([
    ['It sounds like you have generalized anxiety disorder.', 'diagnosis'],
    ['You can take an extra 25 mg tonight.', 'medication_advice'],
    ['Stop taking the sertraline until we talk.', 'medication_advice'],
    ['Your refill will be approved by tomorrow.', 'promise'],
    ['I promise we can fit you in.', 'promise'],
  ])('flags “%s” as %s', (body, concern) => {
    expect(replyConcerns(body).map((c) => c.concern)).toContain(concern);
  });
});
