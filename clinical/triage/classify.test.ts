import { describe, expect, it } from 'vitest';
import { inboxMessages } from '../../ehr/sql/seed/content/messages.ts';
import { CATEGORIES, classifyMessage, MAX_MESSAGE_CHARS } from './classify.ts';

// The demo inbox's annotations are the fixtures these rules were developed against; the measured figures come from
// the separate labeled set in evals/triage/.
describe('classifyMessage on the demo inbox', () => {
  for (const m of inboxMessages) {
    it(`gives ${m.key} urgency ${m.expectedUrgency} and at least the categories ${m.intents.join(', ')}`, () => {
      const result = classifyMessage(m.body);
      expect(result.urgency).toBe(m.expectedUrgency);
      expect(result.escalate).toBe(m.expectedUrgency !== 'routine');
      for (const c of m.intents) expect(result.categories).toContain(c);
    });
  }
});

describe('classifyMessage', () => {
  it('quotes the exact words behind every reason', () => {
    const body = 'Hi. I have been thinking about suicide a lot and I saved up my pills.';
    const result = classifyMessage(body);
    expect(result.reasons.length).toBeGreaterThan(0);
    for (const r of result.reasons) expect(body.slice(r.start, r.end)).toBe(r.text);
    expect(result.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['suicide_ideation', 'method_means']));
    expect(result.urgency).toBe('emergency');
  });

  it('reads misspellings of the risk vocabulary', () => {
    expect(classifyMessage('been having sucidal thoughts all week').urgency).toBe('urgent');
    expect(classifyMessage('i want to kil myself').urgency).toBe('emergency');
  });

  it('keeps negated risk wording out of the escalation but reports it as discounted', () => {
    const result = classifyMessage("I'm not suicidal, just tired of the commute. Can we move my appointment to 5?");
    expect(result.escalate).toBe(false);
    expect(result.categories).toEqual(['scheduling']);
    expect(classifyMessage('No quiero morir, solo estoy cansada.').escalate).toBe(false);
  });

  it('does not let a negation reach across a "but"', () => {
    expect(classifyMessage("I'm not sure, but I want to kill myself").urgency).toBe('emergency');
  });

  it('treats "cannot stop thinking about" as affirming, not negating', () => {
    expect(classifyMessage("I can't stop thinking about killing myself").escalate).toBe(true);
  });

  it('discounts risk placed years in the past and escalates the same words said of now', () => {
    // The rules' time discount, read without the learned screen: retrained on 4,488 messages (stop 15) the screen
    // escalates this sentence on "I am doing well" (a known false alarm, evals/triage/README.md).
    const past = classifyMessage('I tried to kill myself years ago in high school, I am doing well.', {
      screen: () => null,
    });
    expect(past.escalate).toBe(false);
    expect(past.discounted[0]?.why).toBe('historical');
    expect(classifyMessage('I tried to kill myself years ago and I want to again tonight').escalate).toBe(true);
  });

  it('ignores idioms that a keyword filter would flag', () => {
    for (const body of ['This deadline is killing me', 'I could just die of embarrassment lol', 'Me muero de risa']) {
      expect(classifyMessage(body).escalate, body).toBe(false);
    }
  });

  it('catches unlisted wordings through the frame screen, urgent, with the word quoted', () => {
    const result = classifyMessage('Pienso mucho en la muerte, no sé.');
    expect(result.urgency).toBe('urgent');
    expect(result.reasons[0]).toMatchObject({ code: 'suicide_ideation', text: 'muerte' });
    expect(classifyMessage('life is not worth living').escalate).toBe(true);
  });

  it('keeps grief about someone else and figurative deaths out of the frame screen', () => {
    for (const body of ['It is a year since my dad died and I miss him.', 'My phone died so I missed your call.']) {
      expect(classifyMessage(body).escalate, body).toBe(false);
    }
  });

  it('gives several categories to a message with several intents, in a fixed order', () => {
    const result = classifyMessage('Can I get a refill of my sertraline? Also I need to reschedule Thursday.');
    expect(result.categories).toEqual(['medication_refill', 'scheduling']);
  });

  it('falls back to other and only ever answers known categories', () => {
    const result = classifyMessage('Thanks for the lovely card!');
    expect(result.categories).toEqual(['other']);
    expect(CATEGORIES).toEqual(expect.arrayContaining(result.categories));
  });

  it('is not blinded by invisible characters inside the words', () => {
    const body = 'i want to k\u200Bill my\u{E0020}self';
    const result = classifyMessage(body);
    expect(result.urgency).toBe('emergency');
    expect(result.reasons[0]?.text).toBe(body.slice(body.indexOf('k'), body.length));
  });

  it('refuses empty and oversized text with a clear error', () => {
    expect(() => classifyMessage('   ')).toThrow(/empty/);
    expect(() => classifyMessage('a'.repeat(MAX_MESSAGE_CHARS + 1))).toThrow(/longer than/);
  });

  it('is deterministic', () => {
    const body = inboxMessages[0]?.body ?? '';
    expect(classifyMessage(body)).toEqual(classifyMessage(body));
  });
});
