/**
 * PHQ-9 and GAD-7 as data, from data/reference/assessments.json (prepared 2026-11-22; see data/reference/README.md).
 * A test checks these constants against that file, so the two cannot drift.
 */
export type Instrument = 'PHQ-9' | 'GAD-7';

export interface Band {
  min: number;
  max: number;
  label: string;
}

export interface InstrumentSpec {
  items: number;
  range: readonly [number, number];
  bands: readonly Band[];
  /** Points of change that count as reliable, individual change. */
  reliableChange: number;
  /** Proportional reduction from baseline that counts as response. */
  response: number;
  /** A total below this is remission. */
  remissionBelow: number;
  citations: readonly string[];
}

export const CITATIONS = {
  kroenke2001:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med. 2001;16(9):606-613.',
  spitzer2006:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-1097.',
  lowe2004:
    'Löwe B, Unützer J, Callahan CM, Perkins AJ, Kroenke K. Monitoring depression treatment outcomes with the Patient Health Questionnaire-9. Med Care. 2004;42(12):1194-1201.',
  toussaint2020:
    'Toussaint A, et al. Sensitivity to change and minimal clinically important difference of the GAD-7. J Affect Disord. 2020;265:395-401.',
  mncm: 'MN Community Measurement, Depression Response and Remission (NQF 1884/1885, 0710; eCQM CMS159): response = ≥ 50% reduction, remission = PHQ-9 < 5.',
} as const;

export const INSTRUMENTS: Record<Instrument, InstrumentSpec> = {
  'PHQ-9': {
    items: 9,
    range: [0, 27],
    bands: [
      { min: 0, max: 4, label: 'minimal' },
      { min: 5, max: 9, label: 'mild' },
      { min: 10, max: 14, label: 'moderate' },
      { min: 15, max: 19, label: 'moderately severe' },
      { min: 20, max: 27, label: 'severe' },
    ],
    reliableChange: 5, // Löwe 2004: individual change of 2 SEM ≈ 5 points.
    response: 0.5,
    remissionBelow: 5,
    citations: [CITATIONS.kroenke2001, CITATIONS.lowe2004, CITATIONS.mncm],
  },
  'GAD-7': {
    items: 7,
    range: [0, 21],
    bands: [
      { min: 0, max: 4, label: 'minimal' },
      { min: 5, max: 9, label: 'mild' },
      { min: 10, max: 14, label: 'moderate' },
      { min: 15, max: 21, label: 'severe' },
    ],
    reliableChange: 4, // Toussaint 2020: MCID of 4 points.
    // Response and remission for the GAD-7 have no consensus standard; charta uses the PHQ-9's by analogy
    // (marked "inferred" in the reference data).
    response: 0.5,
    remissionBelow: 5,
    citations: [CITATIONS.spitzer2006, CITATIONS.toussaint2020],
  },
};

export function bandOf(instrument: Instrument, total: number): Band {
  const band = INSTRUMENTS[instrument].bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`${instrument} total ${total} is outside ${INSTRUMENTS[instrument].range.join('–')}`);
  return band;
}
