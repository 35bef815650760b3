import { describe, expect, it } from 'vitest';
import {
  CALLERS,
  type Caller,
  current,
  first,
  hasConsent,
  isPart2,
  otherClinicianClient,
  otherPracticeClient,
  outcomeOf,
  rows,
  usePipeline,
} from '../test/pipeline-fixtures.ts';

const harness = usePipeline();

// Records each column points at, picked by what they are. avery.chen's client, emery.walsh's client (outside
// avery's and morgan's reach), and a client of the other practice.
const averyClients = current('usr_avery_chen').filter((id) => !isPart2(id));
const codedNote = (clientIds: readonly string[], what: string) =>
  first(
    rows.notes.filter((n) => clientIds.includes(n.clientId) && n.kind === 'progress' && n.status !== 'draft'),
    what,
  ).id;
const claimOf = (clientIds: readonly string[], what: string) =>
  first(
    rows.claims.filter((c) => clientIds.includes(c.clientId) && !isPart2(c.clientId)),
    what,
  ).id;
const otherClinicianClients = current('usr_emery_walsh');
const otherPracticeClients = [...current('usr_taylor_kim'), ...current('usr_robin_hale')];

const NOTES = {
  own: codedNote(averyClients, 'signed progress note of an avery client'),
  otherClinician: codedNote(
    [otherClinicianClient, ...otherClinicianClients],
    'signed progress note of an emery client',
  ),
  otherPractice: codedNote(
    [otherPracticeClient, ...otherPracticeClients],
    'signed progress note in the other practice',
  ),
};
const CLAIMS = {
  own: claimOf(averyClients, 'claim of an avery client'),
  otherClinician: claimOf(otherClinicianClients, 'claim of an emery client'),
  otherPractice: claimOf(otherPracticeClients, 'claim in the other practice'),
};
const CLIENTS = {
  own: first(
    averyClients.filter((id) => hasConsent(id, 'ai_documentation')),
    'avery client with an AI-documentation consent',
  ),
  otherClinician: otherClinicianClient,
  otherPractice: otherPracticeClient,
};
type Target = keyof typeof NOTES;
type Row = [suggestCodes: string, scrubClaim: string, preparePriorAuth: string];

// Written by hand from the product rules: coding advice is for the clinician (caseload), the supervisor
// (supervisees' caseloads too) and the biller (practice-wide); claims are the biller's; a prior-authorization packet
// carries assessment scores, plan goals and note excerpts, so only the treating clinician drafts it (a supervisor
// only for their own caseload, as with every draft). Front desk and the practice administrator never see clinical
// detail. Another practice's records do not exist for anyone here.
const F: Row = ['forbidden', 'forbidden', 'forbidden'];
const EXPECTED: Record<Caller, Record<Target, Row>> = {
  avery: {
    own: ['allow', 'forbidden', 'allow'],
    otherClinician: ['out_of_scope', 'forbidden', 'out_of_scope'],
    otherPractice: ['not_found', 'forbidden', 'not_found'],
  },
  alex: {
    own: ['out_of_scope', 'forbidden', 'out_of_scope'],
    otherClinician: ['out_of_scope', 'forbidden', 'out_of_scope'],
    otherPractice: ['not_found', 'forbidden', 'not_found'],
  },
  morgan: {
    own: ['allow', 'forbidden', 'out_of_scope'],
    otherClinician: ['out_of_scope', 'forbidden', 'out_of_scope'],
    otherPractice: ['not_found', 'forbidden', 'not_found'],
  },
  jamie: { own: F, otherClinician: F, otherPractice: F },
  riley: {
    own: ['allow', 'allow', 'forbidden'],
    otherClinician: ['allow', 'allow', 'forbidden'],
    otherPractice: ['not_found', 'not_found', 'forbidden'],
  },
  casey: { own: F, otherClinician: F, otherPractice: F },
};
const PRIOR_AUTH = { requestedServices: ['90837'], requestedSessions: 12, from: '2026-12-01', through: '2027-02-28' };

describe('coding tools: role × record matrix', () => {
  for (const [caller, targets] of Object.entries(EXPECTED) as [Caller, Record<Target, Row>][]) {
    for (const [target, [suggest, scrub, priorAuth]] of Object.entries(targets) as [Target, Row][]) {
      it(`${caller} on ${target} records → suggest_codes ${suggest}, scrub_claim ${scrub}, prepare_prior_auth ${priorAuth}`, async () => {
        const who = CALLERS[caller];
        expect(outcomeOf(await harness.call(who, 'suggest_codes', { noteId: NOTES[target] }))).toBe(suggest);
        expect(outcomeOf(await harness.call(who, 'scrub_claim', { claimId: CLAIMS[target] }))).toBe(scrub);
        const packet = { clientId: CLIENTS[target], ...PRIOR_AUTH };
        expect(outcomeOf(await harness.call(who, 'prepare_prior_auth', packet))).toBe(priorAuth);
      });
    }
  }
});

describe('who is shown the coding tools', () => {
  it.each([
    ['clinician', ['suggest_codes', 'prepare_prior_auth'], ['scrub_claim']],
    ['supervisor', ['suggest_codes', 'prepare_prior_auth'], ['scrub_claim']],
    ['biller', ['suggest_codes', 'scrub_claim'], ['prepare_prior_auth']],
    ['front_desk', [], ['suggest_codes', 'scrub_claim', 'prepare_prior_auth']],
    ['practice_admin', [], ['suggest_codes', 'scrub_claim', 'prepare_prior_auth']],
  ] as const)('%s', (role, shown, hidden) => {
    const listed = harness.pipeline.listTools({ ...CALLERS.avery, role }).map((t) => t.name);
    for (const name of shown) expect(listed, `${role} is shown ${name}`).toContain(name);
    for (const name of hidden) expect(listed, `${role} is not shown ${name}`).not.toContain(name);
  });
});
