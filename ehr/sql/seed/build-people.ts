import { addDays } from './calendar.ts';
import {
  FIRST_NAMES,
  GUARDIAN_RELATIONSHIPS,
  LAST_NAMES,
  PAYERS,
  SPANISH_FIRST_NAMES,
  SPANISH_LAST_NAMES,
  STREETS,
} from './content/people.ts';
import { problemProfiles } from './content/problems.ts';
import type { ProblemProfile } from './content/types.ts';
import { json, type PracticeContext, type SeededClient } from './model.ts';
import { type ClientPlan, planClients, TRANSCRIPT_BINDINGS } from './plan.ts';

const EPOCH_OFFSET_DAYS = -420;

/** The short names some clients go by; the chart keeps both. */
const NICKNAMES: Record<string, string> = {
  Dominic: 'Dom',
  Tobias: 'Toby',
  Priscilla: 'Cilla',
  Bennett: 'Ben',
  Quentin: 'Q',
  Santiago: 'Santi',
  Valentina: 'Vale',
  Joaquín: 'Quino',
  Elliot: 'Eli',
  Juniper: 'June',
};

export function profileFor(key: ClientPlan['problem']): ProblemProfile {
  const profile = problemProfiles.find((p) => p.key === key);
  if (!profile) throw new Error(`no problem profile for ${key}`);
  return profile;
}

const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** The practice row, its staff and supervision links. */
export function buildStaff(ctx: PracticeContext): void {
  const { spec, anchor, rows, rng } = ctx;
  const createdAt = `${addDays(anchor, EPOCH_OFFSET_DAYS)}T15:00:00.000Z`;
  rows.practices.push({
    id: spec.id,
    name: spec.name,
    slug: spec.slug,
    timezone: spec.timezone,
    npi: `1${rng.digits(9)}`,
    phone: `${spec.state === 'IL' ? '217' : '720'}-555-01${rng.digits(2)}`,
    address: json({
      line1: `${rng.int(100, 990)} ${rng.pick(STREETS)}`,
      city: spec.city,
      state: spec.state,
      postalCode: `${spec.postalPrefix}${rng.digits(2)}`,
    }),
    settings: json({ demo: true, anchor, noteLockAfterDays: 45 }),
    createdAt,
  });
  for (const staff of spec.staff) {
    const id = `usr_${staff.username.replace('.', '_')}`;
    ctx.userIds.set(staff.username, id);
    rows.users.push({
      id,
      practiceId: spec.id,
      username: staff.username,
      email: `${staff.username}@${spec.slug}.example.org`,
      displayName: staff.credentials ? `${staff.displayName}, ${staff.credentials}` : staff.displayName,
      role: staff.role,
      credentials: staff.credentials ?? null,
      npi: staff.credentials ? `1${rng.digits(9)}` : null,
      isPrescriber: staff.isPrescriber ?? false,
      onCall: staff.onCall ?? false,
      active: staff.active ?? true,
      createdAt,
    });
  }
  for (const staff of spec.staff) {
    for (const supervisee of staff.supervises ?? []) {
      rows.supervisionLinks.push({
        practiceId: spec.id,
        supervisorId: userId(ctx, staff.username),
        superviseeId: userId(ctx, supervisee),
        startedOn: addDays(anchor, -300),
        endedOn: null,
      });
    }
  }
}

export function userId(ctx: PracticeContext, username: string): string {
  const id = ctx.userIds.get(username);
  if (!id) throw new Error(`unknown demo user ${username}`);
  return id;
}

/** Clients with demographics, diagnoses, care team and consents. */
export function buildClients(ctx: PracticeContext): void {
  const plans = planClients(ctx.rng.fork('plans'), ctx.spec);
  const rng = ctx.rng.fork('clients');
  const usedNames = new Set<string>();
  let mrn = 10_000 + rng.int(0, 500);

  const drawName = (spanish: boolean, lastName?: string) => {
    for (;;) {
      const first = rng.pick(spanish ? SPANISH_FIRST_NAMES : FIRST_NAMES);
      const last = lastName ?? rng.pick(spanish ? SPANISH_LAST_NAMES : LAST_NAMES);
      if (!usedNames.has(`${first} ${last}`)) {
        usedNames.add(`${first} ${last}`);
        return { first, last };
      }
    }
  };

  const transcriptAge: Record<string, number> = { 'family-minor-adhd': 14, 'adolescent-individual-social-anxiety': 16 };

  for (const plan of plans) {
    const spanish = plan.language === 'es';
    const startDate = plan.upcomingIntake ? addDays(ctx.anchor, rng.int(1, 9)) : addDays(ctx.anchor, -rng.int(30, 150));
    const insuredPayer = rng.chance(0.88) ? rng.pick(PAYERS) : null;
    const profile = profileFor(plan.problem);
    const makeClient = (opts: {
      minor: boolean;
      age: number;
      lastName?: string;
      guardian?: { name: string; relationship: string; phone: string; email: string } | null;
    }) => {
      const { first, last } = drawName(spanish, opts.lastName);
      const id = rng.id('cli');
      const female = rng.chance(0.55);
      const nonbinary = rng.chance(0.06);
      const dob = addDays(ctx.anchor, -(opts.age * 365 + rng.int(10, 350)));
      const preferred = NICKNAMES[first] !== undefined && rng.chance(0.5) ? (NICKNAMES[first] ?? null) : null;
      const phone = `${ctx.spec.state === 'IL' ? '217' : '720'}-555-01${rng.digits(2)}`;
      ctx.rows.clients.push({
        id,
        practiceId: ctx.spec.id,
        mrn: `${ctx.spec.mrnPrefix}-${mrn++}`,
        firstName: first,
        lastName: last,
        preferredName: preferred,
        dateOfBirth: dob,
        sexAtBirth: female ? 'female' : 'male',
        genderIdentity: nonbinary ? 'nonbinary' : female ? 'woman' : 'man',
        pronouns: nonbinary ? 'they/them' : female ? 'she/her' : 'he/him',
        email: opts.minor ? null : `${ascii(first)}.${ascii(last)}${rng.digits(2)}@example.com`,
        phone: opts.minor ? null : phone,
        address: json({
          line1: `${rng.int(100, 9899)} ${rng.pick(STREETS)}`,
          city: ctx.spec.city,
          state: ctx.spec.state,
          postalCode: `${ctx.spec.postalPrefix}${rng.digits(2)}`,
        }),
        preferredLanguage: plan.language,
        interpreterNeeded: spanish && rng.chance(0.5),
        isMinor: opts.minor,
        guardian: opts.guardian ? json(opts.guardian) : null,
        insurance: insuredPayer
          ? json({
              payer: insuredPayer.payer,
              payerId: insuredPayer.payerId,
              memberId: `${insuredPayer.payerId.slice(0, 3)}${rng.digits(9)}`,
              groupNumber: insuredPayer.planType === 'commercial' ? `G${rng.digits(6)}` : null,
              planType: insuredPayer.planType,
            })
          : null,
        part2: plan.part2 !== null,
        status: plan.discharged ? 'discharged' : 'active',
        createdAt: `${addDays(startDate, -rng.int(3, 12))}T16:00:00.000Z`,
      });
      return { id, first, last, preferred };
    };

    const guardianFor = (lastName: string) => {
      const { first } = drawName(spanish, lastName);
      return {
        name: `${first} ${lastName}`,
        relationship: rng.pick(GUARDIAN_RELATIONSHIPS),
        phone: `${ctx.spec.state === 'IL' ? '217' : '720'}-555-01${rng.digits(2)}`,
        email: `${ascii(first)}.${ascii(lastName)}${rng.digits(2)}@example.net`,
      };
    };

    let primary: ReturnType<typeof makeClient>;
    let guardianName: string | null = null;
    let companion: ReturnType<typeof makeClient> | null = null;
    let minor = false;
    if (plan.kind === 'minor' || plan.kind === 'family') {
      minor = true;
      const family = rng.pick(spanish ? SPANISH_LAST_NAMES : LAST_NAMES);
      const guardian = guardianFor(family);
      guardianName = guardian.name;
      const age =
        (plan.transcriptKey && transcriptAge[plan.transcriptKey]) || rng.int(plan.kind === 'family' ? 12 : 9, 17);
      primary = makeClient({ minor: true, age, lastName: family, guardian });
      if (plan.kind === 'family') {
        companion = makeClient({ minor: true, age: Math.max(6, age - rng.int(2, 5)), lastName: family, guardian });
      }
    } else {
      primary = makeClient({ minor: false, age: rng.int(19, 72) });
      if (plan.kind === 'couple') companion = makeClient({ minor: false, age: rng.int(24, 60) });
    }

    const clinicianId = userId(ctx, plan.clinician);
    const seeded: SeededClient = {
      id: primary.id,
      practiceId: ctx.spec.id,
      plan,
      firstName: primary.preferred ?? primary.first,
      lastName: primary.last,
      displayName: `${primary.first} ${primary.last}`,
      guardianName,
      isMinor: minor,
      companionId: companion?.id ?? null,
      companionFirstName: companion ? (companion.preferred ?? companion.first) : null,
      isCompanion: false,
      clinicianId,
      insured: insuredPayer !== null,
      diagnosisCodes: [],
      telehealthShare: rng.pick([0, 0.2, 0.5, 0.9]),
      sessionMinutes: rng.weighted([
        [45, 5],
        [53, 3],
        [30, 1],
      ]),
      startDate: plan.transcriptKey === 'intake-evaluation-adult' ? addDays(ctx.anchor, -10) : startDate,
    };
    ctx.clients.push(seeded);
    const members = companion ? [primary.id, companion.id] : [primary.id];

    if (companion) {
      const relationship = plan.kind === 'couple' ? 'partner' : 'sibling';
      ctx.rows.clientRelationships.push(
        { practiceId: ctx.spec.id, clientId: primary.id, relatedClientId: companion.id, relationship },
        { practiceId: ctx.spec.id, clientId: companion.id, relatedClientId: primary.id, relationship },
      );
      ctx.clients.push({
        ...seeded,
        id: companion.id,
        firstName: companion.preferred ?? companion.first,
        lastName: companion.last,
        displayName: `${companion.first} ${companion.last}`,
        companionId: primary.id,
        companionFirstName: seeded.firstName,
        isCompanion: true,
      });
    }

    for (const memberId of members) {
      buildDiagnoses(
        ctx,
        memberId,
        profile,
        clinicianId,
        seeded.startDate,
        memberId === primary.id ? seeded : undefined,
      );
      buildCareTeam(ctx, memberId, plan, clinicianId, seeded.startDate);
      buildConsents(ctx, memberId, plan, clinicianId, seeded.startDate, minor, insuredPayer?.payer ?? null);
    }
  }
}

function buildDiagnoses(
  ctx: PracticeContext,
  clientId: string,
  profile: ProblemProfile,
  clinicianId: string,
  startDate: string,
  seeded?: SeededClient,
): void {
  const rng = ctx.rng;
  // Most clients carry the profile's first diagnosis; some a second one from the same profile.
  const count = profile.diagnoses.length > 1 && rng.chance(0.35) ? 2 : 1;
  const chosen = profile.diagnoses.slice(0, count);
  chosen.forEach((dx, index) => {
    ctx.rows.clientDiagnoses.push({
      id: rng.id('dx'),
      practiceId: ctx.spec.id,
      clientId,
      code: dx.code,
      description: dx.description,
      rank: index + 1,
      status: 'active',
      onsetOn: startDate,
      recordedBy: clinicianId,
      recordedAt: `${startDate}T20:00:00.000Z`,
    });
  });
  if (seeded) seeded.diagnosisCodes = chosen.map((d) => d.code);
  else {
    const primary = ctx.clients.find((c) => c.companionId === clientId && !c.isCompanion);
    if (primary && primary.diagnosisCodes.length === 0) primary.diagnosisCodes = chosen.map((d) => d.code);
  }
}

function buildCareTeam(
  ctx: PracticeContext,
  clientId: string,
  plan: ClientPlan,
  clinicianId: string,
  startDate: string,
): void {
  const spec = ctx.spec;
  const inactive = spec.staff.find((s) => s.active === false);
  // A client who moved from a departed clinician: the old assignment has ended, so it grants nothing now.
  if (
    inactive &&
    plan.clinician === 'avery.chen' &&
    !plan.transcriptKey &&
    !plan.upcomingIntake &&
    ctx.rng.chance(0.3)
  ) {
    ctx.rows.caseloadAssignments.push({
      practiceId: spec.id,
      clientId,
      clinicianId: userId(ctx, inactive.username),
      role: 'primary',
      startedOn: addDays(startDate, -200),
      endedOn: addDays(startDate, -15),
    });
  }
  ctx.rows.caseloadAssignments.push({
    practiceId: spec.id,
    clientId,
    clinicianId,
    role: 'primary',
    startedOn: addDays(startDate, -14),
    endedOn: plan.discharged ? addDays(ctx.anchor, -14) : null,
  });
  // Medication-management clients often also see a therapist in the practice.
  if (plan.clinician === 'priya.raman' && ctx.rng.chance(0.5)) {
    ctx.rows.caseloadAssignments.push({
      practiceId: spec.id,
      clientId,
      clinicianId: userId(ctx, ctx.rng.pick(['avery.chen', 'sam.okafor'])),
      role: 'secondary',
      startedOn: addDays(startDate, -14),
      endedOn: null,
    });
  }
}

function buildConsents(
  ctx: PracticeContext,
  clientId: string,
  plan: ClientPlan,
  clinicianId: string,
  startDate: string,
  minor: boolean,
  payer: string | null,
): void {
  const { rng, spec } = ctx;
  const grantedBy = minor ? 'guardian' : 'client';
  const grantedAt = `${addDays(startDate, -14)}T17:00:00.000Z`;
  const frontDesk = userId(ctx, spec.staff.find((s) => s.role === 'front_desk')?.username ?? '');
  const consent = (
    kind: string,
    extra: Partial<{
      purpose: string;
      recipient: string;
      scope: string;
      expiresAt: string;
      revokedAt: string;
      revocationReason: string;
    }> = {},
  ) => {
    ctx.rows.consents.push({
      id: rng.id('cns'),
      practiceId: spec.id,
      clientId,
      kind,
      purpose: extra.purpose ?? null,
      recipient: extra.recipient ?? null,
      scope: extra.scope ?? null,
      grantedBy,
      grantedAt,
      expiresAt: extra.expiresAt ?? null,
      revokedAt: extra.revokedAt ?? null,
      revokedBy: extra.revokedAt ? clinicianId : null,
      revocationReason: extra.revocationReason ?? null,
      recordedBy: frontDesk,
    });
  };
  if (plan.aiConsent !== 'none') {
    consent('ai_documentation', {
      scope: 'Drafting of progress notes, treatment plans and replies by the practice AI assistant, reviewed by staff',
      ...(plan.aiConsent === 'revoked'
        ? {
            revokedAt: `${addDays(ctx.anchor, -1)}T22:00:00.000Z`,
            revocationReason: 'Client asked that AI tools not be used for their documentation going forward.',
          }
        : {}),
    });
  }
  if (plan.aiConsent !== 'none' || rng.chance(0.5)) {
    consent('session_recording', {
      scope: 'Audio recording of sessions for transcription; recordings deleted after 30 days',
    });
  }
  const yearOut = `${addDays(startDate, 363)}T17:00:00.000Z`;
  const treatment = { purpose: 'treatment', recipient: `${spec.name} treatment team`, expiresAt: yearOut };
  const payment = { purpose: 'payment', recipient: payer ?? 'the client’s health plan', expiresAt: yearOut };
  switch (plan.part2) {
    case 'treatment_and_payment':
      consent('part2_disclosure', treatment);
      consent('part2_disclosure', payment);
      break;
    case 'treatment':
      consent('part2_disclosure', treatment);
      break;
    case 'payment_only':
      consent('part2_disclosure', payment);
      break;
    case 'revoked':
      consent('part2_disclosure', {
        ...treatment,
        revokedAt: `${addDays(ctx.anchor, -20)}T15:00:00.000Z`,
        revocationReason: 'Client withdrew consent to share substance-use treatment records.',
      });
      break;
    default:
      break;
  }
}

export { TRANSCRIPT_BINDINGS };
