import { describe, expect, it } from 'vitest';
import { buildCodeSet, chooseCodeSet } from '../coding/code-set.ts';
import { type RuleId, SCRUB_RULES } from './rules.ts';
import { ruleIdsWithChecks, type ScrubClaim, type ScrubContext, type ScrubLine, scrubClaim } from './scrub.ts';

const fy2026 = buildCodeSet(2026, [
  { code: 'F33.1', billable: true, description: 'Major depressive disorder, recurrent, moderate' },
  { code: 'F41.1', billable: true, description: 'Generalized anxiety disorder' },
  { code: 'F43.1', billable: false, description: 'Post-traumatic stress disorder (PTSD)' },
]);

const line = (cpt: string, extra: Partial<ScrubLine> = {}): ScrubLine => ({
  lineNumber: 1,
  cpt,
  modifiers: [],
  units: 1,
  minutes: 45,
  placeOfService: '11',
  diagnosisPointers: ['A'],
  ...extra,
});
const claim = (lines: ScrubLine[], extra: Partial<ScrubClaim> = {}): ScrubClaim => ({
  id: 'clm_test',
  clientId: 'cli_test',
  dateOfService: '2026-06-15',
  diagnosisCodes: ['F33.1', 'F41.1'],
  placeOfService: '11',
  status: 'draft',
  lines: lines.map((l, i) => ({ ...l, lineNumber: i + 1 })),
  ...extra,
});
const context = (extra: Partial<ScrubContext> = {}): ScrubContext => ({
  appointment: { modality: 'in_person', telehealthMode: null, minutes: 45 },
  notes: [{ status: 'signed' }],
  otherClaims: [],
  codeSet: chooseCodeSet([fy2026], '2026-06-15'),
  ...extra,
});
const video = { modality: 'telehealth', telehealthMode: 'audio_video', minutes: 45 } as const;

type Case = { claim: ScrubClaim; ctx?: Partial<ScrubContext> };
/** Per rule: inputs that must trigger it, and near-misses (the closest right claims) that must not. */
const CASES: Record<RuleId, { trigger: Case[]; nearMiss: Case[] }> = {
  'TIME-VS-CODE': {
    trigger: [
      { claim: claim([line('90837', { minutes: 52 })]) },
      { claim: claim([line('90832', { minutes: 15 })]) },
      { claim: claim([line('99214', { minutes: null }), line('90836', { minutes: 37 })]) },
      { claim: claim([line('90847', { minutes: 25 })]) },
      { claim: claim([line('90839', { minutes: 100 })]), ctx: { appointment: { ...video, minutes: 100 } } },
    ],
    nearMiss: [
      { claim: claim([line('90837', { minutes: 53 })]) },
      { claim: claim([line('90834', { minutes: 52 })]) },
      { claim: claim([line('90832', { minutes: 16 })]) },
      { claim: claim([line('90847', { minutes: 26 })]) },
      {
        claim: claim([line('90839', { minutes: 74 }), line('90840', { minutes: 26 })]),
        ctx: { appointment: { modality: 'in_person', telehealthMode: null, minutes: 100 } },
      },
    ],
  },
  'ADDON-WITHOUT-PRIMARY': {
    trigger: [
      { claim: claim([line('90785', { minutes: null })]) },
      { claim: claim([line('90836', { minutes: 40 })]) },
      { claim: claim([line('90840', { minutes: 30 })]) },
    ],
    nearMiss: [
      { claim: claim([line('90834'), line('90785', { minutes: null })]) },
      { claim: claim([line('99214', { minutes: null }), line('90836', { minutes: 40 })]) },
    ],
  },
  'MUTUALLY-EXCLUSIVE': {
    trigger: [
      { claim: claim([line('90847', { minutes: 50 }), line('90785', { minutes: null })]) },
      { claim: claim([line('90834'), line('99214', { minutes: null })]) },
      { claim: claim([line('90791', { minutes: null }), line('90792', { minutes: null })]) },
      { claim: claim([line('90832', { minutes: 30 }), line('90834')]) },
      {
        claim: claim([line('90834'), line('90853', { minutes: 60 })]),
        ctx: { ptpPairs: [{ column1: '90834', column2: '90853', modifier: '0' }] },
      },
      {
        claim: claim([line('90834'), line('90853', { minutes: 60 })]),
        ctx: { ptpPairs: [{ column1: '90834', column2: '90853', modifier: '1' }] },
      },
    ],
    nearMiss: [
      { claim: claim([line('90837', { minutes: 55 }), line('90785', { minutes: null })]) },
      { claim: claim([line('99214', { minutes: null }), line('90836', { minutes: 40 })]) },
      { claim: claim([line('90834'), line('90853', { minutes: 60 })]) },
      {
        claim: claim([line('90834'), line('90853', { minutes: 60, modifiers: ['XE'] })]),
        ctx: { ptpPairs: [{ column1: '90834', column2: '90853', modifier: '1' }] },
      },
    ],
  },
  'UNITS-PER-DAY': {
    trigger: [
      { claim: claim([line('90834', { units: 0 })]) },
      { claim: claim([line('90834', { units: 2 })]) },
      { claim: claim([line('90839', { minutes: 74, units: 2 })]), ctx: { appointment: null } },
      { claim: claim([line('90834', { units: 10_000 })]) },
      { claim: claim([line('90791', { minutes: null, units: 2 })]), ctx: { unitLimits: { '90791': 1 } } },
    ],
    nearMiss: [
      { claim: claim([line('90834', { units: 1 })]) },
      { claim: claim([line('90791', { minutes: null, units: 2 })]), ctx: { unitLimits: { '90791': 2 } } },
    ],
  },
  'TELEHEALTH-POS-MODIFIER': {
    trigger: [
      { claim: claim([line('90834', { placeOfService: '11' })]), ctx: { appointment: video } },
      { claim: claim([line('90834', { placeOfService: '10' })]), ctx: { appointment: video } },
      {
        claim: claim([line('90834', { placeOfService: '10', modifiers: ['95'] })]),
        ctx: { appointment: { ...video, telehealthMode: 'audio_only' } },
      },
      { claim: claim([line('90834', { placeOfService: '11', modifiers: ['95'] })]) },
    ],
    nearMiss: [
      { claim: claim([line('90834', { placeOfService: '10', modifiers: ['95'] })]), ctx: { appointment: video } },
      { claim: claim([line('90834', { placeOfService: '02', modifiers: ['95'] })]), ctx: { appointment: video } },
      {
        claim: claim([line('90834', { placeOfService: '10', modifiers: ['93'] })]),
        ctx: { appointment: { ...video, telehealthMode: 'audio_only' } },
      },
    ],
  },
  'DX-POINTERS': {
    trigger: [
      { claim: claim([line('90834', { diagnosisPointers: [] })]) },
      { claim: claim([line('90834', { diagnosisPointers: ['C'] })]) },
      { claim: claim([line('90834', { diagnosisPointers: ['A'] })], { diagnosisCodes: [] }) },
    ],
    nearMiss: [{ claim: claim([line('90834', { diagnosisPointers: ['A', 'B'] })]) }],
  },
  'ICD-INVALID': {
    trigger: [
      { claim: claim([line('90834')], { diagnosisCodes: ['F43.1'] }) },
      { claim: claim([line('90834')], { diagnosisCodes: ['F99.99'] }) },
      { claim: claim([line('90834')], { diagnosisCodes: ['depression'] }) },
    ],
    nearMiss: [{ claim: claim([line('90834')], { diagnosisCodes: ['F331'] }) }],
  },
  'NOTE-UNSIGNED': {
    trigger: [
      { claim: claim([line('90834')]), ctx: { notes: [{ status: 'draft' }] } },
      { claim: claim([line('90834')]), ctx: { notes: [] } },
    ],
    nearMiss: [{ claim: claim([line('90834')]), ctx: { notes: [{ status: 'draft' }, { status: 'locked' }] } }],
  },
  'DUPLICATE-CLAIM': {
    trigger: [
      {
        claim: claim([line('90834')]),
        ctx: { otherClaims: [claim([line('90834')], { id: 'clm_other', status: 'paid' })] },
      },
    ],
    nearMiss: [
      {
        claim: claim([line('90834')]),
        ctx: { otherClaims: [claim([line('90834')], { id: 'clm_other', status: 'denied' })] },
      },
      {
        claim: claim([line('90834')]),
        ctx: { otherClaims: [claim([line('90834')], { id: 'clm_other', dateOfService: '2026-06-22' })] },
      },
      { claim: claim([line('90834')]), ctx: { otherClaims: [claim([line('90834')])] } },
    ],
  },
};

const ruleIds = SCRUB_RULES.map((r) => r.id);

describe('scrub rules', () => {
  it('has a check and a test table entry for every rule, and every rule names its source', () => {
    expect(ruleIdsWithChecks().sort()).toEqual([...ruleIds].sort());
    expect(Object.keys(CASES).sort()).toEqual([...ruleIds].sort());
    for (const rule of SCRUB_RULES) expect(rule.source.length).toBeGreaterThan(10);
  });

  it('reports nothing on a clean claim', () => {
    expect(scrubClaim(claim([line('90834')]), context()).findings).toEqual([]);
  });

  for (const id of ruleIds) {
    describe(id, () => {
      it.each(CASES[id].trigger.map((c, i) => [i, c] as const))('triggers on case %i', (_i, c) => {
        const result = scrubClaim(c.claim, context(c.ctx));
        const mine = result.findings.filter((f) => f.ruleId === id);
        expect(mine.length, JSON.stringify(result.findings)).toBeGreaterThan(0);
        for (const f of mine) {
          expect(f.suggestedFix.length).toBeGreaterThan(0);
          expect(f.source).toBe(SCRUB_RULES.find((r) => r.id === id)?.source);
        }
      });
      it.each(CASES[id].nearMiss.map((c, i) => [i, c] as const))('stays quiet on near-miss %i', (_i, c) => {
        const result = scrubClaim(c.claim, context(c.ctx));
        expect(result.findings.filter((f) => f.ruleId === id)).toEqual([]);
      });
    });
  }

  it('never modifies the claim it scrubs', () => {
    const c = claim([line('90837', { minutes: 40, diagnosisPointers: [] })], { diagnosisCodes: ['F43.1'] });
    const before = structuredClone(c);
    scrubClaim(Object.freeze(c), context());
    expect(c).toEqual(before);
  });

  it('says when the fiscal-year code set for the date of service is missing', () => {
    const result = scrubClaim(
      claim([line('90834')], { dateOfService: '2026-10-05' }),
      context({ codeSet: chooseCodeSet([fy2026], '2026-10-05') }),
    );
    expect(result.notices.join()).toMatch(/FY2027 code set.*is not loaded; codes were checked against FY2026/);
  });
});
