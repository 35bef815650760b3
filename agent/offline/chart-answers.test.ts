import { describe, expect, it } from 'vitest';
import { chartAnswer, chartQuestionOf } from './chart-answers.ts';

const client = {
  client: { id: 'cli_aaaaaaaa', dateOfBirth: '1990-01-02', preferredName: null, insurance: null },
  diagnoses: [{ code: 'F41.1', description: 'Generalized anxiety disorder', rank: 1, status: 'active' }],
};
const summary = {
  clientId: 'cli_aaaaaaaa',
  asOf: '2026-11-22',
  recentSessions: [{ text: '2026-11-13: progress note. Practiced a sleep diary.', cites: [{ id: 'note_bbbbbbbb' }] }],
  diagnoses: [],
  notFound: [],
};

describe('chart questions the offline assistant answers', () => {
  it('routes a field of the client record to get_client and a free topic to the chart summary', () => {
    expect(chartQuestionOf("what is cli_aaaaaaaa's date of birth?", null)).toMatchObject({
      tool: 'get_client',
      field: 'dateOfBirth',
    });
    expect(chartQuestionOf('Is cli_aaaaaaaa taking lithium?', null)).toMatchObject({
      tool: 'summarize_chart',
      terms: ['lithium'],
    });
    expect(chartQuestionOf('summarize the chart for cli_aaaaaaaa', null)).toBeNull();
  });

  it('copies the asked field with the client id it came from', () => {
    const q = chartQuestionOf("what is cli_aaaaaaaa's date of birth?", null);
    expect(chartAnswer('get_client', client, q)).toBe('Date of birth [cli_aaaaaaaa]: 1990-01-02');
  });

  it('says there is no record, and states no value, when the field is empty', () => {
    const q = chartQuestionOf('what insurance does cli_aaaaaaaa have?', null);
    expect(chartAnswer('get_client', client, q)).toBe('There is no insurance recorded in the chart. [cli_aaaaaaaa]');
  });

  it('says a diagnosis asked about is not on record and lists the recorded ones', () => {
    const q = chartQuestionOf('Does cli_aaaaaaaa have a diagnosis of bipolar disorder?', null);
    const answer = chartAnswer('get_client', client, q) ?? '';
    expect(answer).toMatch(/^There is no record of a bipolar diagnosis/);
    expect(answer).toContain('F41.1');
  });

  it('answers a topic from the summary statements that mention it, or says the chart has no record of it', () => {
    const sleep = chartAnswer(
      'summarize_chart',
      summary,
      chartQuestionOf('What about cli_aaaaaaaa sleep diary?', null),
    );
    expect(sleep).toContain('[note_bbbbbbbb]');
    const a1c = chartAnswer('summarize_chart', summary, chartQuestionOf("what is cli_aaaaaaaa's A1c?", null)) ?? '';
    expect(a1c).toMatch(/no record of “a1c”/);
    expect(a1c).not.toMatch(/\d+(\.\d+)?\s*%/);
  });

  it('reports an instrument never administered instead of an empty trend', () => {
    const answer = chartAnswer(
      'assessment_trend',
      { clientId: 'cli_aaaaaaaa', instrument: 'GAD-7', points: [], direction: 'insufficient_data' },
      null,
    );
    expect(answer).toBe('There is no GAD-7 administration recorded in the chart of cli_aaaaaaaa.');
  });
});
