import { describe, expect, it } from 'vitest';
import type { RuleId } from '../clinical/claims/rules.ts';
import type { ClaimErrorKind } from '../ehr/sql/seed/model.ts';
import {
  annotations,
  CALLERS,
  current,
  first,
  hasConsent,
  isPart2,
  otherPracticeClient,
  principal,
  rows,
  usePipeline,
} from '../test/pipeline-fixtures.ts';

const harness = usePipeline();
const BILLERS = { prc_lakeside: CALLERS.riley, prc_northside: principal('reese.lang', 'biller', 'prc_northside') };

/** Which scrubber rule each error the demo seed plants must trip. */
const RULE_FOR: Record<ClaimErrorKind, RuleId> = {
  time_vs_code: 'TIME-VS-CODE',
  addon_without_primary: 'ADDON-WITHOUT-PRIMARY',
  telehealth_pos_modifier: 'TELEHEALTH-POS-MODIFIER',
  missing_dx_pointer: 'DX-POINTERS',
  unsigned_note: 'NOTE-UNSIGNED',
};

interface Finding {
  ruleId: string;
  suggestedFix: string;
}

describe('scrub_claim on the demo claims', () => {
  it('finds every planted error and nothing on the clean claims', async () => {
    let planted = 0;
    let found = 0;
    let cleanWithFindings = 0;
    const refused: string[] = [];
    for (const claim of rows.claims) {
      const who = BILLERS[claim.practiceId as keyof typeof BILLERS];
      const result = await harness.call(who, 'scrub_claim', { claimId: claim.id });
      if (!result.ok) {
        refused.push(`${claim.id}: ${result.error.code}`);
        continue;
      }
      const findings = (result.output as { findings: Finding[] }).findings;
      const expected = [...new Set((annotations.claimErrors[claim.id] ?? []).map((k) => RULE_FOR[k]))].sort();
      const got = [...new Set(findings.map((f) => f.ruleId))].sort();
      planted += expected.length;
      found += expected.filter((r) => got.includes(r)).length;
      if (expected.length === 0 && got.length > 0) cleanWithFindings++;
      expect(got, claim.id).toEqual(expected);
    }
    console.log(
      `scrubber on the demo: ${rows.claims.length} claims, ${planted} planted errors, ${found} found (${((100 * found) / planted).toFixed(0)}%), ${cleanWithFindings} clean claims with findings, ${refused.length} refused`,
    );
    // Part 2 claims without a payment consent are refused before the scrubber sees them; none carries a planted error.
    for (const r of refused) expect(r).toMatch(/consent_required$/);
    expect(found).toBe(planted);
    expect(planted).toBe(Object.values(annotations.claimErrors).flat().length);
    expect(planted).toBeGreaterThanOrEqual(16);
  });
});

describe('bad input to the coding tools: clear errors, nothing changed', () => {
  const riley = CALLERS.riley;
  const lakesideClient = first(
    rows.claims.filter((c) => c.practiceId === 'prc_lakeside'),
    'lakeside claim',
  ).clientId;
  const proposed = (lines: unknown[], extra: Record<string, unknown> = {}) => ({
    claim: {
      clientId: lakesideClient,
      dateOfService: '2026-06-15',
      diagnosisCodes: ['F33.1'],
      placeOfService: '11',
      lines,
      ...extra,
    },
  });
  const line = (extra: Record<string, unknown> = {}) => ({
    cpt: '90834',
    units: 1,
    minutes: 45,
    diagnosisPointers: ['A'],
    ...extra,
  });

  it.each([
    ['an unknown claim', { claimId: 'clm_doesnotexist' }, 'not_found'],
    [
      'another practice’s claim',
      {
        claimId: first(
          rows.claims.filter((c) => c.practiceId === 'prc_northside'),
          'northside claim',
        ).id,
      },
      'not_found',
    ],
    ['both a claim id and a claim', { claimId: 'clm_x', ...proposed([line()]) }, 'invalid_input'],
    ['a malformed CPT code', proposed([line({ cpt: '9083' })]), 'invalid_input'],
    ['a malformed ICD-10-CM code', proposed([line()], { diagnosisCodes: ['depression'] }), 'invalid_input'],
    ['0 units', proposed([line({ units: 0 })]), 'invalid_input'],
    ['10,000 units', proposed([line({ units: 10_000 })]), 'invalid_input'],
    ['another practice’s client', proposed([line()], { clientId: otherPracticeClient }), 'not_found'],
  ])('scrub_claim refuses %s', async (_what, args, code) => {
    const result = await harness.call(riley, 'scrub_claim', args);
    expect(result.ok ? 'allow' : result.error.code).toBe(code);
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
  });

  it.each([
    ['nothing to code', {}, 'invalid_input'],
    ['a note id and text together', { noteId: 'note_x', text: 'Individual therapy 45 minutes.' }, 'invalid_input'],
    ['an unknown note', { noteId: 'note_doesnotexist' }, 'not_found'],
    ['an oversized text', { text: 'x'.repeat(20_001) }, 'invalid_input'],
    ['a malformed date', { text: 'Individual therapy 45 minutes.', dateOfService: '15/06/2026' }, 'invalid_input'],
  ])('suggest_codes refuses %s', async (_what, args, code) => {
    const result = await harness.call(riley, 'suggest_codes', args);
    expect(result.ok ? 'allow' : result.error.code).toBe(code);
  });

  it('scrubs a proposed claim and reports its errors with suggested fixes', async () => {
    const result = await harness.call(
      riley,
      'scrub_claim',
      proposed([line({ cpt: '90837' })], { diagnosisCodes: ['F43.1'] }),
    );
    if (!result.ok) throw new Error(result.error.message);
    const findings = (result.output as { findings: Finding[] }).findings;
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['ICD-INVALID', 'NOTE-UNSIGNED', 'TIME-VS-CODE']);
    expect(findings.every((f) => f.suggestedFix.length > 0)).toBe(true);
  });
});

describe('suggest_codes', () => {
  it('codes text supplied directly and names the code set and the missing fiscal year', async () => {
    const result = await harness.call(CALLERS.avery, 'suggest_codes', {
      text: 'Individual psychotherapy via video from home, 45 minutes. Diagnosis: major depressive disorder, recurrent, moderate.',
      dateOfService: '2026-11-02',
    });
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as {
      cpt: Array<{ code: string; modifiers: string[]; placeOfService: string }>;
      icd: Array<{ code: string; codeSet: string }>;
      codeSet: { required: string; used: string; missing: string };
    };
    expect(out.cpt.map((c) => [c.code, c.modifiers, c.placeOfService])).toEqual([['90834', ['95'], '10']]);
    expect(out.icd.map((c) => [c.code, c.codeSet])).toEqual([['F33.1', 'ICD-10-CM FY2026']]);
    expect(out.codeSet).toMatchObject({ required: 'FY2027', used: 'FY2026' });
    expect(out.codeSet.missing).toMatch(/FY2027/);
  });

  it('keeps a model-proposed code only when it is billable and its quotes are in the note', async () => {
    const result = await harness.call(CALLERS.avery, 'suggest_codes', {
      text: 'Individual psychotherapy, 45 minutes. Client meets criteria for social anxiety disorder, generalized.',
      dateOfService: '2026-06-15',
      proposedDiagnoses: [
        { code: 'F40.11', quotes: ['social anxiety disorder, generalized'] },
        { code: 'F33.2', quotes: ['recurrent severe depression'] },
        { code: 'F43.1', quotes: ['social anxiety disorder'] },
      ],
    });
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as {
      icd: Array<{ code: string }>;
      proposed: { accepted: string[]; rejected: Array<{ code: string; reason: string }> };
    };
    expect(out.proposed.accepted).toEqual(['F40.11']);
    expect(out.proposed.rejected.map((r) => r.code)).toEqual(['F33.2', 'F43.1']);
    expect(out.icd.map((c) => c.code)).toEqual(['F40.11']);
  });

  it('codes a stored note with its appointment’s service, time and modality', async () => {
    const note = first(
      rows.notes.filter((n) => n.practiceId === 'prc_lakeside' && n.kind === 'progress' && n.appointmentId),
      'progress note with an appointment',
    );
    const appt = rows.appointments.find((a) => a.id === note.appointmentId);
    const result = await harness.call(CALLERS.riley, 'suggest_codes', { noteId: note.id });
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as {
      cpt: Array<{ code: string; placeOfService: string }>;
      source: { appointmentId: string };
    };
    expect(out.source.appointmentId).toBe(note.appointmentId);
    expect(out.cpt.length).toBeGreaterThan(0);
    expect(out.cpt[0]?.placeOfService).toBe(appt?.placeOfService);
  });
});

describe('prepare_prior_auth', () => {
  const client = first(
    current('usr_avery_chen').filter(
      (id) =>
        !isPart2(id) &&
        hasConsent(id, 'ai_documentation') &&
        rows.assessments.some((a) => a.clientId === id) &&
        rows.treatmentPlans.some((p) => p.clientId === id && p.status === 'active'),
    ),
    'avery client with assessments, an active plan and an AI-documentation consent',
  );
  const request = {
    clientId: client,
    requestedServices: ['90837'],
    requestedSessions: 12,
    from: '2026-12-01',
    through: '2027-02-28',
  };

  it('saves a draft packet whose every necessity sentence cites records, and lists what it could not support', async () => {
    const result = await harness.call(CALLERS.avery, 'prepare_prior_auth', request);
    if (!result.ok) throw new Error(result.error.message);
    const out = result.output as {
      id: string;
      status: string;
      diagnoses: Array<{ code: string; supported: boolean }>;
      sessionsToDate: number;
      medicalNecessity: Array<{ text: string; citations: string[] }>;
      gaps: string[];
    };
    expect(out.status).toBe('draft');
    expect(out.sessionsToDate).toBe(
      rows.appointments.filter((a) => a.clientId === client && a.status === 'completed').length,
    );
    expect(out.medicalNecessity.length).toBeGreaterThan(0);
    for (const sentence of out.medicalNecessity) expect(sentence.citations.length, sentence.text).toBeGreaterThan(0);
    for (const dx of out.diagnoses.filter((d) => !d.supported)) expect(out.gaps.join()).toContain(dx.code);
    const stored = await harness.database.db
      .selectFrom('draftDocuments' as never)
      .selectAll()
      .where('id' as never, '=', out.id as never)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'draft', kind: 'prior_auth_packet', aiGenerated: true });
    const body = (stored as { body: { citations: Array<{ recordId: string }> } }).body;
    expect(body.citations.length).toBeGreaterThan(0);
  });

  it.each([
    ['a period that runs backwards', { ...request, from: '2027-02-28', through: '2026-12-01' }, 'invalid_input'],
    ['0 sessions', { ...request, requestedSessions: 0 }, 'invalid_input'],
    ['10,000 sessions', { ...request, requestedSessions: 10_000 }, 'invalid_input'],
    ['a malformed CPT code', { ...request, requestedServices: ['psychotherapy'] }, 'invalid_input'],
    ['an unknown client', { ...request, clientId: 'cli_doesnotexist' }, 'not_found'],
  ])('refuses %s and saves nothing', async (_what, args, code) => {
    const before = await harness.database.db
      .selectFrom('draftDocuments' as never)
      .select('id' as never)
      .execute();
    const result = await harness.call(CALLERS.avery, 'prepare_prior_auth', args);
    expect(result.ok ? 'allow' : result.error.code).toBe(code);
    const after = await harness.database.db
      .selectFrom('draftDocuments' as never)
      .select('id' as never)
      .execute();
    expect(after).toHaveLength(before.length);
  });
});
