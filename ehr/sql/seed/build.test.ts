import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEST_ANCHOR, TEST_SEED } from '../../../test/constants.ts';
import type { NewRow } from '../schema.ts';
import { buildDemoData } from './build.ts';
import { DEMO_PRACTICES } from './content/people.ts';

const { rows, annotations } = buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR });
const parse = <T>(value: string | null | undefined): T => JSON.parse(value ?? 'null') as T;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('demo practice content', () => {
  it('has the two practices and every documented demo user with the right role', () => {
    expect(rows.practices.map((p) => p.name)).toEqual(['Lakeside Counseling', 'Northside Behavioral Health']);
    const byUsername = new Map(rows.users.map((u) => [u.username, u]));
    const expected: Record<string, [string, string]> = {
      'avery.chen': ['prc_lakeside', 'clinician'],
      'sam.okafor': ['prc_lakeside', 'clinician'],
      'morgan.lee': ['prc_lakeside', 'supervisor'],
      'jamie.ortiz': ['prc_lakeside', 'front_desk'],
      'riley.brooks': ['prc_lakeside', 'biller'],
      'casey.nguyen': ['prc_lakeside', 'practice_admin'],
      'taylor.kim': ['prc_northside', 'clinician'],
      'drew.patel': ['prc_northside', 'front_desk'],
    };
    for (const [username, [practiceId, role]] of Object.entries(expected)) {
      expect(byUsername.get(username), username).toMatchObject({ practiceId, role, active: true });
    }
    const supervised = rows.supervisionLinks
      .filter((l) => l.supervisorId === 'usr_morgan_lee')
      .map((l) => l.superviseeId)
      .sort();
    expect(supervised).toEqual(['usr_avery_chen', 'usr_sam_okafor']);
  });

  it('has at least 60 clients covering every kind the tools must handle', () => {
    expect(rows.clients.length).toBeGreaterThanOrEqual(60);
    const minors = rows.clients.filter((c) => c.isMinor);
    expect(minors.length).toBeGreaterThanOrEqual(5);
    for (const minor of minors) expect(parse<{ name: string } | null>(minor.guardian)?.name).toBeTruthy();
    const relationships = rows.clientRelationships.map((r) => r.relationship);
    expect(relationships).toContain('partner');
    expect(relationships).toContain('sibling');
    expect(rows.clients.filter((c) => c.preferredLanguage === 'es').length).toBeGreaterThanOrEqual(5);

    const part2 = rows.clients.filter((c) => c.part2);
    const activePart2Consent = (clientId: string) =>
      rows.consents.some((k) => k.clientId === clientId && k.kind === 'part2_disclosure' && k.revokedAt === null);
    expect(part2.filter((c) => activePart2Consent(c.id)).length).toBeGreaterThanOrEqual(2);
    expect(part2.filter((c) => !activePart2Consent(c.id)).length).toBeGreaterThanOrEqual(2);

    const aiConsent = (clientId: string) =>
      rows.consents.some((k) => k.clientId === clientId && k.kind === 'ai_documentation' && k.revokedAt === null);
    expect(rows.clients.filter((c) => !aiConsent(c.id)).length).toBeGreaterThanOrEqual(3);
  });

  it('has at least 300 appointments, past and upcoming, telehealth and in person', () => {
    const appts = rows.appointments;
    expect(appts.length).toBeGreaterThanOrEqual(300);
    const anchor = `${TEST_ANCHOR}T00:00:00.000Z`;
    expect(appts.filter((a) => a.startsAt < anchor && a.status === 'completed').length).toBeGreaterThan(150);
    expect(appts.filter((a) => a.startsAt > anchor && a.status === 'scheduled').length).toBeGreaterThan(50);
    expect(appts.filter((a) => a.modality === 'telehealth').length).toBeGreaterThan(50);
    expect(appts.filter((a) => a.modality === 'in_person').length).toBeGreaterThan(50);
    for (const a of appts.filter((x) => x.modality === 'telehealth')) expect(['02', '10']).toContain(a.placeOfService);
  });

  it('has at least 150 signed notes in all four formats plus psychotherapy notes', () => {
    const signed = rows.notes.filter((n) => n.status !== 'draft');
    expect(signed.length).toBeGreaterThanOrEqual(150);
    const formats = new Set(signed.filter((n) => n.kind === 'progress').map((n) => n.format));
    expect([...formats].sort()).toEqual(['BIRP', 'DAP', 'GIRP', 'SOAP']);
    expect(rows.notes.filter((n) => n.kind === 'psychotherapy').length).toBeGreaterThanOrEqual(5);
    expect(rows.notes.filter((n) => n.kind === 'intake').length).toBeGreaterThanOrEqual(10);
    for (const note of signed) {
      const sections = parse<Record<string, string>>(note.sections);
      for (const text of Object.values(sections)) expect(text.length, note.id).toBeGreaterThan(20);
      expect(JSON.stringify(sections)).not.toMatch(/\{[a-z]+\}/);
    }
  });

  it('has at least 12 transcripts of 400–1,200 words on completed appointments that have no note yet', () => {
    expect(rows.transcripts.length).toBeGreaterThanOrEqual(12);
    for (const t of rows.transcripts) {
      expect(words(t.text), t.id).toBeGreaterThanOrEqual(400);
      expect(words(t.text), t.id).toBeLessThanOrEqual(1_300);
      const appt = rows.appointments.find((a) => a.id === t.appointmentId);
      expect(appt?.status).toBe('completed');
      expect(rows.notes.some((n) => n.appointmentId === t.appointmentId)).toBe(false);
      // Segment offsets point at the exact characters of each utterance: evidence spans rely on it.
      for (const s of parse<Array<{ start: number; end: number; text: string }>>(t.segments)) {
        expect(t.text.slice(s.start, s.end)).toBe(s.text);
      }
    }
    const services = new Set(
      rows.transcripts.map((t) => rows.appointments.find((a) => a.id === t.appointmentId)?.serviceType),
    );
    for (const s of ['individual_therapy', 'couples_therapy', 'family_therapy', 'intake_evaluation', 'crisis']) {
      expect(services).toContain(s);
    }
    expect(Object.keys(annotations.transcriptAppointments)).toHaveLength(rows.transcripts.length);
  });

  it('has PHQ-9/GAD-7 series for at least 25 clients that improve, stay flat, worsen or endorse item 9', () => {
    const byClient = new Map<string, NewRow<'assessments'>[]>();
    for (const a of rows.assessments)
      byClient.set(`${a.clientId}:${a.instrument}`, [...(byClient.get(`${a.clientId}:${a.instrument}`) ?? []), a]);
    const series = [...byClient.values()]
      .filter((s) => s.length >= 2)
      .map((s) => s.sort((x, y) => (x.administeredAt < y.administeredAt ? -1 : 1)));
    expect(new Set(series.map((s) => s[0]?.clientId)).size).toBeGreaterThanOrEqual(25);
    const delta = (s: NewRow<'assessments'>[]) => (s.at(-1)?.total ?? 0) - (s[0]?.total ?? 0);
    expect(series.some((s) => delta(s) <= -5)).toBe(true);
    expect(series.some((s) => delta(s) >= 5)).toBe(true);
    expect(series.some((s) => Math.abs(delta(s)) <= 2)).toBe(true);
    const item9 = rows.assessments.filter(
      (a) => a.instrument === 'PHQ-9' && (parse<number[]>(a.itemResponses)[8] ?? 0) > 0,
    );
    expect(item9.length).toBeGreaterThanOrEqual(2);
    for (const a of rows.assessments) {
      const items = parse<number[]>(a.itemResponses);
      expect(items.reduce((x, y) => x + y, 0)).toBe(a.total);
      expect(items).toHaveLength(a.instrument === 'PHQ-9' ? 9 : 7);
    }
  });

  it('has at least 50 inbox messages with risk, Spanish, multi-intent and injection cases', () => {
    const fromPatients = rows.inboxMessages.filter((m) => m.senderKind !== 'staff');
    expect(fromPatients.length).toBeGreaterThanOrEqual(50);
    expect(fromPatients.filter((m) => m.language === 'es').length).toBeGreaterThanOrEqual(5);
    expect(fromPatients.some((m) => m.senderKind === 'guardian')).toBe(true);
    expect(fromPatients.some((m) => /ignore (all |your )?(previous |prior )?(instructions|rules)/i.test(m.body))).toBe(
      true,
    );
    expect(fromPatients.some((m) => /given .*(things|stuff) away|regalado/i.test(m.body))).toBe(true);
    expect(Object.keys(annotations.messages).length).toBeGreaterThanOrEqual(50);
  });

  it('has treatment plans and at least 40 claims, clean and with each typical error', () => {
    expect(rows.treatmentPlans.filter((p) => p.status === 'active').length).toBeGreaterThanOrEqual(30);
    expect(rows.claims.length).toBeGreaterThanOrEqual(40);
    const kinds = Object.values(annotations.claimErrors).flat();
    for (const kind of ['time_vs_code', 'addon_without_primary', 'telehealth_pos_modifier', 'missing_dx_pointer']) {
      expect(kinds.filter((k) => k === kind).length, kind).toBeGreaterThanOrEqual(2);
    }
    expect(rows.claims.length - Object.keys(annotations.claimErrors).length).toBeGreaterThanOrEqual(30);
  });

  it('uses only billable FY2026 ICD-10-CM codes for diagnoses and claims', () => {
    const csv = readFileSync(new URL('../../../data/reference/icd10cm-behavioral-fy2026.csv', import.meta.url), 'utf8');
    const billable = new Set(
      csv
        .split('\n')
        .slice(1)
        .map((line) => line.split(','))
        .filter((cols) => cols[2] === 'True')
        .map((cols) => cols[0]),
    );
    for (const d of rows.clientDiagnoses) expect(billable.has(d.code), d.code).toBe(true);
    for (const c of rows.claims)
      for (const code of parse<string[]>(c.diagnosisCodes)) expect(billable.has(code), code).toBe(true);
  });

  it('contains no real-looking contact details: fictional phone range and example domains only', () => {
    const text = JSON.stringify(rows);
    for (const phone of text.match(/\b\d{3}-\d{3}-\d{4}\b/g) ?? []) expect(phone).toMatch(/^\d{3}-555-01\d\d$/);
    for (const email of text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? [])
      expect(email).toMatch(/@([\w-]+\.)*example\.(com|org|net)$/);
  });

  it('gives every practice its own rows and never references across practices', () => {
    const practiceOf = new Map<string, string>();
    for (const c of rows.clients) practiceOf.set(c.id, c.practiceId);
    for (const u of rows.users) practiceOf.set(u.id, u.practiceId);
    for (const a of rows.appointments) {
      expect(practiceOf.get(a.clientId)).toBe(a.practiceId);
      expect(practiceOf.get(a.clinicianId)).toBe(a.practiceId);
    }
    expect(DEMO_PRACTICES.map((p) => p.id).sort()).toEqual(rows.practices.map((p) => p.id).sort());
  });
});

describe('buildDemoData', () => {
  it('returns identical rows for the same seed and anchor', () => {
    const again = buildDemoData({ seed: TEST_SEED, anchor: TEST_ANCHOR });
    expect(JSON.stringify(again.rows)).toBe(JSON.stringify(rows));
  });

  it('returns different rows for a different seed', () => {
    const other = buildDemoData({ seed: TEST_SEED + 1, anchor: TEST_ANCHOR });
    expect(JSON.stringify(other.rows.clients)).not.toBe(JSON.stringify(rows.clients));
  });

  it('rejects an anchor that is not a date', () => {
    expect(() => buildDemoData({ seed: 1, anchor: 'next tuesday' })).toThrow(/YYYY-MM-DD/);
  });
});
