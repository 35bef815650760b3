/**
 * The claim scrubber's rules, as data. Sources name entries of data/reference/cpt-behavioral.json (`sources` and
 * `rules`), where the policy text and how well it was verified are kept. The check for each rule lives in
 * scrub.ts under the same id; a test pins that every rule here has one.
 */
export type Severity = 'error' | 'warning';

export interface ScrubRule {
  id: string;
  description: string;
  severity: Severity;
  /** Where the rule comes from: dataset rule ids and the publications behind them. */
  source: string;
  verification: 'secondary-source' | 'payer-specific' | 'inferred' | 'official';
}

export const SCRUB_RULES = [
  {
    id: 'TIME-VS-CODE',
    description:
      'A timed code must match the documented minutes (psychotherapy 16–37/38–52/53+, family 26+, crisis 30–74 then 30-minute add-ons).',
    severity: 'error',
    source:
      'cpt-behavioral.json TIME-PSYTX-STANDALONE, TIME-PSYTX-ADDON, TIME-CRISIS, TIME-FAMILY (BCBSIL-CPCP051, CPT-TIME-RULE)',
    verification: 'secondary-source',
  },
  {
    id: 'ADDON-WITHOUT-PRIMARY',
    description: 'An add-on code (90785, 90833/90836/90838, 90840) needs an allowed primary code on the same claim.',
    severity: 'error',
    source: 'cpt-behavioral.json ADDON-REQUIRES-PRIMARY (BCBSIL-CPCP051)',
    verification: 'secondary-source',
  },
  {
    id: 'MUTUALLY-EXCLUSIVE',
    description: 'Two codes that are not reported together for the same clinician and date.',
    severity: 'error',
    source:
      'cpt-behavioral.json IC-90785-EXCLUSIONS, CRISIS-EXCLUSIONS, STANDALONE-VS-ADDON, DIAG-EVAL-VS-EM, DIAG-EVAL-VS-CRISIS, DIAG-EVAL-90791-VS-90792 (BCBSIL-CPCP051, LCD-L34616); imported NCCI PTP pairs',
    verification: 'secondary-source',
  },
  {
    id: 'UNITS-PER-DAY',
    description:
      'Units of a code on one date must be at least 1 and within the per-day limit (imported MUE values where loaded).',
    severity: 'error',
    source:
      'cpt-behavioral.json CRISIS-ONCE-PER-DAY, MUE-GENERAL (CMS MUE practitioner file when imported; defaults inferred)',
    verification: 'inferred',
  },
  {
    id: 'TELEHEALTH-POS-MODIFIER',
    description:
      'Place of service and modality modifier must agree with the appointment: telehealth → POS 02/10 with 95 (video) or 93/FQ (audio-only); in person → neither.',
    severity: 'error',
    source:
      'cpt-behavioral.json TELE-MODIFIER-MATCHES-MODALITY, TELE-POS (TELE-MOD-GUIDES-2026, APA-SERVICES-POS, CODINGINTEL-TELE)',
    verification: 'payer-specific',
  },
  {
    id: 'DX-POINTERS',
    description: 'Every line points at 1 to 4 of the claim’s diagnoses, by letters A–L that exist on the claim.',
    severity: 'error',
    source: 'NUCC 1500 claim form instructions, item 24E; X12 837P SV107',
    verification: 'inferred',
  },
  {
    id: 'ICD-INVALID',
    description:
      'Every diagnosis must be a valid, billable ICD-10-CM code in the fiscal-year set for the date of service.',
    severity: 'error',
    source: 'CMS/NCHS ICD-10-CM order file (data/reference/icd10cm-behavioral-fy<YEAR>.csv); HIPAA code-set rule',
    verification: 'official',
  },
  {
    id: 'NOTE-UNSIGNED',
    description: 'The date of service needs a signed progress or intake note; process notes do not count.',
    severity: 'error',
    source: 'charta policy; CMS Program Integrity Manual ch. 3 §3.3.2.4 (signature requirements)',
    verification: 'inferred',
  },
  {
    id: 'DUPLICATE-CLAIM',
    description: 'Another open or paid claim bills the same code for the same client and date of service.',
    severity: 'error',
    source: 'X12 claim frequency rules; payer duplicate-claim edits (CARC 18)',
    verification: 'inferred',
  },
] as const satisfies readonly ScrubRule[];

export type RuleId = (typeof SCRUB_RULES)[number]['id'];

/** Code pairs that exclude each other (same clinician, same date). `@EM` stands for any E/M code. */
export const EXCLUSIVE_PAIRS: ReadonlyArray<readonly [string[], string[], string]> = [
  [['90785'], ['90839', '90840', '90846', '90847'], 'IC-90785-EXCLUSIONS'],
  [
    ['90839', '90840'],
    ['90791', '90792', '90832', '90833', '90834', '90836', '90837', '90838', '90846', '90847'],
    'CRISIS-EXCLUSIONS',
  ],
  [['90832', '90834', '90837'], ['90833', '90836', '90838', '@EM'], 'STANDALONE-VS-ADDON'],
  [['90791', '90792'], ['@EM'], 'DIAG-EVAL-VS-EM'],
  [['90791'], ['90792'], 'DIAG-EVAL-90791-VS-90792'],
];

/** Primaries each add-on accepts. `@EM` stands for the E/M codes accepted with psychotherapy add-ons. */
export const ADDON_PRIMARIES: Readonly<Record<string, readonly string[]>> = {
  '90785': ['90791', '90792', '90832', '90833', '90834', '90836', '90837', '90838', '90853'],
  '90833': ['@EM'],
  '90836': ['@EM'],
  '90838': ['@EM'],
  '90840': ['90839'],
};

/**
 * Default units per code per date, used until the CMS MUE file is imported. Numbers are conservative charta
 * defaults (inferred), not CMS values: 90840 counts 30-minute blocks, everything else is once per day.
 */
export const DEFAULT_UNITS_PER_DAY: Readonly<Record<string, number>> = { '90840': 4, '96127': 3 };
export const DEFAULT_UNIT_LIMIT = 1;

/** Minutes each timed code accepts, inclusive; null is open-ended. */
export const TIME_RANGES: Readonly<Record<string, readonly [number, number | null]>> = {
  '90832': [16, 37],
  '90833': [16, 37],
  '90834': [38, 52],
  '90836': [38, 52],
  '90837': [53, null],
  '90838': [53, null],
  '90846': [26, null],
  '90847': [26, null],
};

export const isEm = (code: string) => /^99\d{3}$/.test(code) && Number(code) >= 99202 && Number(code) <= 99499;
