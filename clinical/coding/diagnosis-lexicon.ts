/**
 * Diagnosis phrases a behavioral-health note uses, and how their documented qualifiers map to ICD-10-CM codes
 * (DSM-5-TR to ICD-10-CM crosswalk conventions). Data, read by icd.ts. A concept resolves to the most specific
 * code the clause supports; `hint` says what documentation would allow a more specific one.
 */
export interface Qualifiers {
  /** The clause text after the mention, lower-cased: where "recurrent, moderate" and the like are written. */
  after: string;
  has(pattern: RegExp): boolean;
}

export interface Resolution {
  code: string;
  hint?: string;
}

export interface DiagnosisConcept {
  id: string;
  mention: RegExp;
  resolve(q: Qualifiers): Resolution;
}

const severity = (q: Qualifiers) =>
  q.has(/\bsevere\b.*\bwith(?! ?out)\b.*psychotic|\bwith psychotic/)
    ? 'psychotic'
    : q.has(/\bsevere\b/)
      ? 'severe'
      : q.has(/\bmoderate\b/)
        ? 'moderate'
        : q.has(/\bmild\b/)
          ? 'mild'
          : null;
const remission = (q: Qualifiers) =>
  q.has(/full(?:ly)? remission|in remission, full/)
    ? 'full'
    : q.has(/partial(?:ly)? remission|in remission, partial/)
      ? 'partial'
      : null;

/** Substance use disorders: DSM-5-TR mild → abuse (x.10/x.11), moderate or severe → dependence (x.20/x.21). */
const substance = (id: string, mention: RegExp, cat: string, name: string): DiagnosisConcept => ({
  id,
  mention,
  resolve(q) {
    const sev = q.has(/\bsevere\b/) ? 'severe' : q.has(/\bmoderate\b/) ? 'moderate' : q.has(/\bmild\b/) ? 'mild' : null;
    const remitted = q.has(/\bremission\b/);
    if (sev === 'mild') return { code: `${cat}.1${remitted ? 1 : 0}` };
    if (sev) return { code: `${cat}.2${remitted ? 1 : 0}` };
    return {
      code: `${cat}.90`,
      hint: `${name} use disorder without a documented severity codes as ${cat}.90; document mild (${cat}.10) or moderate/severe (${cat}.20).`,
    };
  },
});

export const DIAGNOSIS_CONCEPTS: readonly DiagnosisConcept[] = [
  {
    id: 'major-depression',
    mention: /\bmajor depressive disorder\b|\bmdd\b|\bmajor depression\b/,
    resolve(q) {
      const recurrent = q.has(/\brecurrent\b/);
      const cat = recurrent ? 'F33' : 'F32';
      const rem = remission(q);
      if (rem) return { code: recurrent ? `F33.4${rem === 'full' ? 2 : 1}` : `F32.${rem === 'full' ? 5 : 4}` };
      const sev = severity(q);
      const digit = { mild: '0', moderate: '1', severe: '2', psychotic: '3' } as const;
      if (sev) return { code: `${cat}.${digit[sev]}` };
      return {
        code: `${cat}.9`,
        hint: `${cat}.9 is unspecified; document the current severity (mild, moderate, severe) or remission status for a specific code.`,
      };
    },
  },
  {
    id: 'persistent-depressive',
    mention: /\bpersistent depressive disorder\b|\bdysthymi(?:a|c disorder)\b/,
    resolve: () => ({ code: 'F34.1' }),
  },
  { id: 'gad', mention: /\bgeneralized anxiety disorder\b|\bgad\b(?![- ]?7)/, resolve: () => ({ code: 'F41.1' }) },
  {
    id: 'panic',
    mention: /\bpanic disorder\b/,
    resolve: (q) => (q.has(/with agoraphobia/) ? { code: 'F40.01' } : { code: 'F41.0' }),
  },
  {
    id: 'social-anxiety',
    mention: /\bsocial anxiety disorder\b|\bsocial phobia\b/,
    resolve: (q) => (q.has(/\bgeneralized\b/) ? { code: 'F40.11' } : { code: 'F40.10' }),
  },
  {
    id: 'anxiety-unspecified',
    mention: /\bunspecified anxiety disorder\b|\banxiety disorder,? unspecified\b/,
    resolve: () => ({ code: 'F41.9' }),
  },
  {
    id: 'ptsd',
    mention: /\bpost-?traumatic stress disorder\b|\bptsd\b/,
    resolve(q) {
      if (q.has(/\bchronic\b/)) return { code: 'F43.12' };
      if (q.has(/\bacute\b/)) return { code: 'F43.11' };
      return {
        code: 'F43.10',
        hint: 'F43.10 is unspecified; document acute (under 3 months) or chronic (3 months or more) for F43.11 or F43.12.',
      };
    },
  },
  {
    id: 'adjustment',
    mention: /\badjustment disorder\b/,
    resolve(q) {
      if (q.has(/mixed disturbance of emotions and conduct/)) return { code: 'F43.25' };
      if (q.has(/mixed anxiety and depressed mood/)) return { code: 'F43.23' };
      if (q.has(/with depressed mood/)) return { code: 'F43.21' };
      if (q.has(/with anxiety/)) return { code: 'F43.22' };
      if (q.has(/disturbance of conduct/)) return { code: 'F43.24' };
      return {
        code: 'F43.20',
        hint: 'F43.20 is unspecified; document the subtype (depressed mood, anxiety, mixed, conduct) for F43.21–F43.25.',
      };
    },
  },
  {
    id: 'adhd',
    mention: /\battention[- ]deficit[/ -]hyperactivity disorder\b|\badhd\b/,
    resolve(q) {
      if (q.has(/\bcombined\b/)) return { code: 'F90.2' };
      if (q.has(/\binattentive\b/)) return { code: 'F90.0' };
      if (q.has(/\bhyperactive\b|\bimpulsive\b/)) return { code: 'F90.1' };
      return {
        code: 'F90.9',
        hint: 'F90.9 is unspecified; document the presentation (inattentive, hyperactive-impulsive, combined).',
      };
    },
  },
  {
    id: 'bipolar-2',
    mention: /\bbipolar ii\b(?: disorder)?|\bbipolar 2 disorder\b/,
    resolve: () => ({ code: 'F31.81' }),
  },
  {
    id: 'bipolar',
    mention: /\bbipolar(?: i)? disorder\b/,
    resolve: () => ({
      code: 'F31.9',
      hint: 'F31.9 is unspecified; document the type and current episode (manic, depressed, mixed) and its severity.',
    }),
  },
  {
    id: 'ocd',
    mention: /\bobsessive[- ]compulsive disorder\b|\bocd\b/,
    resolve: () => ({ code: 'F42.2' }),
  },
  { id: 'borderline', mention: /\bborderline personality disorder\b/, resolve: () => ({ code: 'F60.3' }) },
  { id: 'insomnia', mention: /\binsomnia disorder\b|\bprimary insomnia\b/, resolve: () => ({ code: 'F51.01' }) },
  { id: 'prolonged-grief', mention: /\bprolonged grief disorder\b/, resolve: () => ({ code: 'F43.81' }) },
  { id: 'odd', mention: /\boppositional defiant disorder\b/, resolve: () => ({ code: 'F91.3' }) },
  { id: 'autism', mention: /\bautism spectrum disorder\b|\bautistic disorder\b/, resolve: () => ({ code: 'F84.0' }) },
  { id: 'schizophrenia', mention: /\bschizophrenia\b/, resolve: () => ({ code: 'F20.9' }) },
  {
    id: 'bulimia',
    mention: /\bbulimia nervosa\b/,
    resolve: () => ({ code: 'F50.20', hint: 'F50.20 is unspecified; document the severity (mild to extreme).' }),
  },
  {
    id: 'anorexia',
    mention: /\banorexia nervosa\b/,
    resolve: () => ({ code: 'F50.00', hint: 'F50.00 is unspecified; document the type and severity.' }),
  },
  substance('alcohol', /\balcohol use disorder\b/, 'F10', 'Alcohol'),
  substance('cannabis', /\bcannabis use disorder\b/, 'F12', 'Cannabis'),
  substance('opioid', /\bopioid use disorder\b/, 'F11', 'Opioid'),
  {
    id: 'partner-relational',
    mention: /\b(?:relationship|relational) distress with (?:spouse|partner)|\bpartner relational problem\b/,
    resolve: () => ({ code: 'Z63.0' }),
  },
];

/** Words before a mention, in the same clause, that mean the client does not (or not yet) have the diagnosis. */
export const NEGATION_BEFORE =
  /\b(no|not|denies|denied|without|negative for|rule[sd]?[- ]out|r\/o|ruled out|does not meet|doesn't meet|no longer meets?|history of|hx of|family history|fhx|mother|father|sister|brother|parent|sibling|grandmother|grandfather|consider|considering|possible|probable|suspected|versus|vs|screen(?:ed|ing)? for|evaluate for|assess(?:ed)? for|differential)\b/;
/** Words after a mention that withdraw it ("PTSD was ruled out", "GAD not supported"). */
export const NEGATION_AFTER = /\b(ruled out|was excluded|not supported|not met|unlikely|is not present)\b/;
