import type { PracticeSpec, StaffSpec } from './content/people.ts';
import type { ClientProfile, Language, ProblemKey } from './content/types.ts';
import type { Prng } from './prng.ts';

export type Trajectory = 'improving' | 'flat' | 'worsening' | 'item9';
export type Part2Consent = 'treatment_and_payment' | 'treatment' | 'payment_only' | 'none' | 'revoked';

/** One client (or, for couples and families, one household) the seed will create, before any detail is drawn. */
export interface ClientPlan {
  clinician: string;
  kind: ClientProfile;
  language: Language;
  problem: ProblemKey;
  part2: Part2Consent | null;
  /** 'revoked': consent was given, then withdrawn after the session was recorded. */
  aiConsent: 'granted' | 'none' | 'revoked';
  transcriptKey?: string;
  trajectory?: Trajectory;
  /** A new client whose first appointment (an intake) is still ahead, with an intake form submitted. */
  upcomingIntake?: boolean;
  discharged?: boolean;
}

/**
 * Which transcript goes to which clinician's client, and what that client must look like. Every transcript script
 * is bound to a completed appointment that has no note yet.
 */
export const TRANSCRIPT_BINDINGS: Record<
  string,
  Omit<ClientPlan, 'transcriptKey' | 'trajectory'> & { trajectory?: Trajectory }
> = {
  'cbt-depression-individual': {
    clinician: 'avery.chen',
    kind: 'adult',
    language: 'en',
    problem: 'depression',
    part2: null,
    aiConsent: 'granted',
    trajectory: 'improving',
  },
  'cbt-panic-telehealth': {
    clinician: 'avery.chen',
    kind: 'adult',
    language: 'en',
    problem: 'panic',
    part2: null,
    aiConsent: 'granted',
  },
  'dbt-skills-individual': {
    clinician: 'avery.chen',
    kind: 'adult',
    language: 'en',
    problem: 'borderline_traits',
    part2: null,
    aiConsent: 'granted',
    trajectory: 'flat',
  },
  'intake-evaluation-adult': {
    clinician: 'sam.okafor',
    kind: 'adult',
    language: 'en',
    problem: 'generalized_anxiety',
    part2: null,
    aiConsent: 'granted',
  },
  'crisis-session-adult': {
    clinician: 'morgan.lee',
    kind: 'adult',
    language: 'en',
    problem: 'depression',
    part2: null,
    aiConsent: 'granted',
    trajectory: 'item9',
  },
  'spanish-individual-anxiety': {
    clinician: 'alex.rivera',
    kind: 'adult',
    language: 'es',
    problem: 'generalized_anxiety',
    part2: null,
    aiConsent: 'granted',
    trajectory: 'improving',
  },
  'sud-relapse-prevention': {
    clinician: 'alex.rivera',
    kind: 'adult',
    language: 'en',
    problem: 'alcohol_use',
    part2: 'treatment_and_payment',
    aiConsent: 'granted',
  },
  'couples-communication': {
    clinician: 'emery.walsh',
    kind: 'couple',
    language: 'en',
    problem: 'couples_distress',
    part2: null,
    aiConsent: 'granted',
  },
  'family-minor-adhd': {
    clinician: 'emery.walsh',
    kind: 'family',
    language: 'en',
    problem: 'adhd',
    part2: null,
    aiConsent: 'granted',
  },
  'adolescent-individual-social-anxiety': {
    clinician: 'sam.okafor',
    kind: 'minor',
    language: 'en',
    problem: 'social_anxiety',
    part2: null,
    aiConsent: 'granted',
    trajectory: 'improving',
  },
  'ptsd-cpt-session': {
    clinician: 'taylor.kim',
    kind: 'adult',
    language: 'en',
    problem: 'ptsd',
    part2: null,
    aiConsent: 'granted',
    trajectory: 'improving',
  },
  'grief-individual': {
    clinician: 'sam.okafor',
    kind: 'adult',
    language: 'en',
    problem: 'grief',
    part2: null,
    aiConsent: 'revoked',
    trajectory: 'worsening',
  },
  'medication-management-bipolar': {
    clinician: 'priya.raman',
    kind: 'adult',
    language: 'en',
    problem: 'bipolar',
    part2: null,
    aiConsent: 'granted',
    trajectory: 'flat',
  },
  'opioid-use-mi-session': {
    clinician: 'alex.rivera',
    kind: 'adult',
    language: 'en',
    problem: 'opioid_use',
    part2: 'treatment',
    aiConsent: 'granted',
  },
};

/** The problems each kind of caseload draws from, after the fixed clients above. */
const POOLS: Record<string, ReadonlyArray<readonly [ClientProfile, ProblemKey]>> = {
  adult: [
    ['adult', 'depression'],
    ['adult', 'generalized_anxiety'],
    ['adult', 'adjustment'],
    ['adult', 'ptsd'],
    ['adult', 'ocd'],
    ['adult', 'social_anxiety'],
    ['adult', 'panic'],
    ['adult', 'grief'],
    ['adult', 'depression'],
    ['adult', 'generalized_anxiety'],
  ],
  minor: [
    ['minor', 'adhd'],
    ['minor', 'social_anxiety'],
    ['minor', 'depression'],
    ['minor', 'generalized_anxiety'],
  ],
  family: [['family', 'family_conflict']],
  couple: [['couple', 'couples_distress']],
  prescriber: [
    ['adult', 'bipolar'],
    ['adult', 'depression'],
    ['adult', 'ocd'],
    ['adult', 'generalized_anxiety'],
  ],
  sud: [
    ['adult', 'alcohol_use'],
    ['adult', 'opioid_use'],
  ],
};

const MEASURED: ReadonlySet<ProblemKey> = new Set([
  'depression',
  'generalized_anxiety',
  'panic',
  'ptsd',
  'adjustment',
  'bipolar',
  'grief',
  'social_anxiety',
  'borderline_traits',
  'ocd',
]);

/** Draws the caseloads of one practice: the fixed clients first, then random ones from each clinician's focus. */
export function planClients(rng: Prng, practice: PracticeSpec): ClientPlan[] {
  const plans: ClientPlan[] = [];
  const clinicians = practice.staff.filter((s) => (s.caseloadSize ?? 0) > 0);
  for (const staff of clinicians) {
    const own: ClientPlan[] = Object.entries(TRANSCRIPT_BINDINGS)
      .filter(([, b]) => b.clinician === staff.username)
      .map(([transcriptKey, b]) => ({ ...b, transcriptKey }));
    own.push(...requiredExtras(staff));
    while (own.length < (staff.caseloadSize ?? 0)) own.push(randomPlan(rng, staff));
    plans.push(...own);
  }
  // Measurement-based care: most clients with a measured problem get a PHQ-9/GAD-7 series with a shape.
  for (const plan of plans) {
    if (plan.trajectory || plan.upcomingIntake || !MEASURED.has(plan.problem) || plan.kind === 'couple') continue;
    if (rng.chance(0.85)) {
      plan.trajectory = rng.weighted<Trajectory>([
        ['improving', 5],
        ['flat', 3],
        ['worsening', 2],
        ['item9', 1],
      ]);
    }
  }
  // Some clients never agreed to AI documentation: the assistant must refuse to draft for them.
  for (const plan of plans) {
    if (!plan.transcriptKey && plan.aiConsent === 'granted' && rng.chance(0.1)) plan.aiConsent = 'none';
  }
  return plans;
}

/** Clients every run must have, whatever the dice say, so the demo covers each case the tools must handle. */
function requiredExtras(staff: StaffSpec): ClientPlan[] {
  const base = { clinician: staff.username, part2: null, aiConsent: 'granted' } as const;
  switch (staff.username) {
    case 'avery.chen':
      return [
        { ...base, kind: 'adult', language: 'en', problem: 'depression', aiConsent: 'none', trajectory: 'worsening' },
        { ...base, kind: 'adult', language: 'en', problem: 'generalized_anxiety', upcomingIntake: true },
      ];
    case 'sam.okafor':
      return [
        { ...base, kind: 'minor', language: 'en', problem: 'adhd' },
        { ...base, kind: 'minor', language: 'en', problem: 'depression', trajectory: 'item9' },
        { ...base, kind: 'adult', language: 'en', problem: 'adjustment', discharged: true },
        { ...base, kind: 'adult', language: 'en', problem: 'panic', upcomingIntake: true },
      ];
    case 'alex.rivera':
      return [
        { ...base, kind: 'adult', language: 'en', problem: 'alcohol_use', part2: 'payment_only' },
        { ...base, kind: 'adult', language: 'en', problem: 'opioid_use', part2: 'none' },
        { ...base, kind: 'adult', language: 'en', problem: 'alcohol_use', part2: 'revoked' },
        { ...base, kind: 'adult', language: 'es', problem: 'depression', trajectory: 'flat' },
        { ...base, kind: 'adult', language: 'es', problem: 'adjustment', upcomingIntake: true },
      ];
    case 'emery.walsh':
      return [
        { ...base, kind: 'family', language: 'en', problem: 'family_conflict' },
        { ...base, kind: 'minor', language: 'es', problem: 'generalized_anxiety', trajectory: 'improving' },
      ];
    case 'taylor.kim':
      return [
        { ...base, kind: 'minor', language: 'en', problem: 'social_anxiety', trajectory: 'improving' },
        { ...base, kind: 'minor', language: 'en', problem: 'adhd' },
        { ...base, kind: 'adult', language: 'en', problem: 'depression', aiConsent: 'none', trajectory: 'item9' },
        { ...base, kind: 'adult', language: 'en', problem: 'generalized_anxiety', upcomingIntake: true },
      ];
    case 'robin.hale':
      return [
        { ...base, kind: 'adult', language: 'es', problem: 'depression', trajectory: 'worsening' },
        { ...base, kind: 'adult', language: 'es', problem: 'ptsd' },
      ];
    default:
      return [];
  }
}

function randomPlan(rng: Prng, staff: StaffSpec): ClientPlan {
  const focus = staff.focus?.length ? staff.focus : ['adult'];
  const area = rng.pick(focus.filter((f) => f !== 'spanish' || focus.length === 1));
  const pool = POOLS[area] ?? POOLS.adult ?? [];
  const [kind, problem] = rng.pick(pool);
  const spanish = focus.includes('spanish') && kind !== 'couple' && rng.chance(0.3);
  return {
    clinician: staff.username,
    kind,
    language: spanish ? 'es' : 'en',
    problem,
    part2:
      problem === 'alcohol_use' || problem === 'opioid_use'
        ? rng.pick(['treatment_and_payment', 'treatment'] as const)
        : null,
    aiConsent: 'granted',
  };
}
