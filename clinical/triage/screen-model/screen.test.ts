import { describe, expect, it } from 'vitest';
import { classifyMessage, LEARNED_SCREEN } from '../classify.ts';
import { RISK_LEXICON } from '../risk-rules.ts';
import { prepare } from '../text.ts';
import { featuresOf } from './features.ts';
import { escalates, loadScreen, readableTokens, SHORT_TEXT, screenModel } from './screen.ts';
import { buildScreenModel, type LabelledMessage } from './training.ts';

// A toy vocabulary no rule knows, so what escalates here can only be the learned screen.
const toy: LabelledMessage[] = [
  ...['the lanterns are going out for good', 'my lanterns are almost out', 'lanterns out by friday'].map((text, i) => ({
    id: `p${i}`,
    text,
    mustEscalate: true,
  })),
  ...[
    'can I move my thursday session',
    'is my invoice ready',
    'the parking lot is full again',
    'please send my records to the school',
    'what time does the office open',
    'I need a refill of my sertraline',
    'running ten minutes late today',
    'thanks for the worksheet',
  ].map((text, i) => ({ id: `n${i}`, text, mustEscalate: false })),
];
const toyScreen = loadScreen(buildScreenModel(toy, ['toy']));

describe('the learned risk screen', () => {
  it('escalates what it was taught when no rule fires, urgent, quoting the sentence that scored highest', () => {
    const text = 'Can I move my Thursday session? Honestly the lanterns are going out.';
    const result = classifyMessage(text, { screen: toyScreen });
    expect(result.escalate).toBe(true);
    expect(result.urgency).toBe('urgent');
    expect(result.categories).toContain('urgent_risk');
    const reason = result.reasons.find((r) => r.code === LEARNED_SCREEN);
    expect(reason?.text).toBe('Honestly the lanterns are going out');
    expect(text.slice(reason?.start, reason?.end)).toBe(reason?.text);
    expect(classifyMessage('Can I move my Thursday session?', { screen: toyScreen }).escalate).toBe(false);
  });

  it('never replaces the rules: a message the rules escalate keeps their urgency and reasons, without a screen reason', () => {
    const text = 'I took all my pills an hour ago and the lanterns are going out';
    const ruled = classifyMessage(text, { screen: () => null });
    const screened = classifyMessage(text, { screen: toyScreen });
    expect(screened.urgency).toBe(ruled.urgency);
    expect(screened.urgency).toBe('emergency');
    expect(screened.reasons.map((r) => r.code)).toEqual(ruled.reasons.map((r) => r.code));
    expect(screened.reasons.some((r) => r.code === LEARNED_SCREEN)).toBe(false);
  });

  it('reads around the clauses the rules discounted, so it cannot overrule a negation the clinician is shown', () => {
    const seen: string[][] = [];
    const spy: Parameters<typeof classifyMessage>[1] = {
      screen: (p, masked = []) => {
        seen.push(readableTokens(p, masked).map((t) => t.norm));
        return null;
      },
    };
    const result = classifyMessage('No quiero morir, solo estoy cansada.', spy);
    expect(result.discounted.map((d) => d.why)).toEqual(['negated']);
    expect(seen).toEqual([['solo', 'estoy', 'cansada']]);
    expect(classifyMessage('No quiero morir, solo estoy cansada.').escalate).toBe(false);
  });

  it('keeps short ordinary messages below the threshold (a floor on the feature norm)', () => {
    // A bare "I am just tired." does cross it since the screen trained on sealed2-4 (README.md: known false alarm).
    for (const text of ['ok', 'Thanks!', 'See you Tuesday', 'Running 10 min late', 'Estoy cansada.', 'Gracias'])
      expect(screenModel(prepare(text, RISK_LEXICON))).toBeNull();
  });

  it('asks a short text to lean toward risk as well as pass the threshold', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`);
    const short = words(SHORT_TEXT.words - 1);
    expect(escalates(0.4, short, 0.3)).toBe(false);
    expect(escalates(0.4, words(SHORT_TEXT.words), 0.3)).toBe(true);
    expect(escalates(0.6, short, 0.3)).toBe(true);
    expect(escalates(0.6, short, 0.7)).toBe(false);
    // A bare pleasantry never escalates, whatever it scores; a bare goodbye is still read.
    expect(escalates(0.99, ['no'], 0.3)).toBe(false);
    expect(escalates(0.99, ['ok', 'gracias'], 0.3)).toBe(false);
    expect(escalates(0.99, ['bye', 'forever'], 0.3)).toBe(true);
    for (const text of ['hi', 'yes', 'no', 'Ok, gracias!', 'I am doing well'])
      expect(screenModel(prepare(text, RISK_LEXICON)), text).toBeNull();
  });

  it('holds out whole groups in cross-validation, and sets its threshold only on the messages that calibrate', () => {
    const grouped = toy.map((m, i) => ({ ...m, group: `author${i % 3}` }));
    const extra = ['the lanterns flicker in the movie', 'lanterns for the garden party'].map((text, i) => ({
      id: `c${i}`,
      text,
      mustEscalate: false,
      group: 'contrast',
      calibrates: false,
    }));
    const model = buildScreenModel([...grouped, ...extra], ['toy']);
    expect(model.crossValidation.negatives).toBe(8);
    expect(model.crossValidation.positives).toBe(3);
    expect(model.trainedOn.messages).toBe(13);
  });

  it('hashes the same words to the same features every time, and a longer message is not scored higher for length', () => {
    const a = featuresOf(['i', 'want', 'to', 'sleep']);
    expect([...featuresOf(['i', 'want', 'to', 'sleep'])]).toEqual([...a]);
    const norm = (f: ReadonlyMap<number, number>) => Math.hypot(...f.values());
    const long = featuresOf(Array.from({ length: 200 }, (_, i) => `word${i}`));
    expect(norm(long)).toBeCloseTo(1, 6);
    expect(norm(a)).toBeLessThan(1);
  });
});
