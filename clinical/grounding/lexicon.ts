/**
 * Vocabularies the deterministic grounding checks look for. Generic and brand names of the medications common in
 * behavioral-health care, diagnosis names, people-by-relationship, time words, certainty and hedge markers, and
 * risk topics. Lower case; multi-word entries are matched as phrases.
 */

export const MEDICATIONS: readonly string[] = [
  // antidepressants
  'sertraline zoloft fluoxetine prozac paroxetine paxil citalopram celexa escitalopram lexapro fluvoxamine luvox',
  'venlafaxine effexor desvenlafaxine pristiq duloxetine cymbalta bupropion wellbutrin mirtazapine remeron',
  'trazodone vortioxetine trintellix vilazodone viibryd amitriptyline nortriptyline imipramine clomipramine',
  'phenelzine tranylcypromine selegiline esketamine spravato ketamine',
  // mood stabilizers and antipsychotics
  'lithium lamotrigine lamictal valproate divalproex depakote carbamazepine tegretol oxcarbazepine topiramate',
  'quetiapine seroquel aripiprazole abilify risperidone risperdal olanzapine zyprexa ziprasidone geodon',
  'lurasidone latuda clozapine clozaril haloperidol haldol cariprazine vraylar brexpiprazole rexulti paliperidone',
  // anxiolytics, sleep, ADHD
  'lorazepam ativan alprazolam xanax clonazepam klonopin diazepam valium buspirone buspar hydroxyzine vistaril',
  'zolpidem ambien eszopiclone melatonin propranolol prazosin clonidine guanfacine intuniv',
  'methylphenidate ritalin concerta adderall amphetamine lisdexamfetamine vyvanse atomoxetine strattera',
  // substance-use treatment
  'buprenorphine suboxone subutex sublocade naltrexone vivitrol methadone naloxone narcan acamprosate disulfiram',
  'varenicline chantix nicotine',
]
  .join(' ')
  .split(/\s+/);

/** Diagnosis names; "depression" or "anxiety" alone are symptoms in talk, so only disorder names count. */
export const DIAGNOSES: readonly string[] = [
  'major depressive disorder',
  'persistent depressive disorder',
  'dysthymia',
  'generalized anxiety disorder',
  'panic disorder',
  'agoraphobia',
  'social anxiety disorder',
  'obsessive-compulsive disorder',
  'ocd',
  'posttraumatic stress disorder',
  'post-traumatic stress disorder',
  'ptsd',
  'acute stress disorder',
  'adjustment disorder',
  'bipolar',
  'cyclothymi',
  'schizophrenia',
  'schizoaffective',
  'psychotic disorder',
  'borderline personality',
  'personality disorder',
  'adhd',
  'attention-deficit',
  'autism',
  'anorexia',
  'bulimia',
  'binge eating disorder',
  'alcohol use disorder',
  'opioid use disorder',
  'cannabis use disorder',
  'stimulant use disorder',
  'substance use disorder',
  'insomnia disorder',
  'prolonged grief disorder',
  'oppositional defiant',
  'conduct disorder',
  'mdd',
  'gad',
];

/** ICD-10-CM codes in chapter F and the Z codes used in behavioral health. */
export const ICD10_CODE = /\b[FZ]\d{2}(?:\.[0-9A-Z]{1,4})?\b/g;

export const KIN: readonly string[] = (
  'mother mom father dad stepmother stepfather brother sister sibling wife husband spouse partner son daughter ' +
  'child children kids grandmother grandma grandfather grandpa aunt uncle cousin niece nephew boyfriend girlfriend ' +
  'fiance fiancee roommate coworker boss manager supervisor friend neighbor teacher coach sponsor pastor'
).split(' ');

export const WEEKDAYS: readonly string[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
export const MONTHS: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
export const RELATIVE_TIME: readonly string[] = [
  'yesterday',
  'tomorrow',
  'tonight',
  'last night',
  'this morning',
  'last week',
  'next week',
  'last month',
  'next month',
  'weekend',
];

/** Words that state more certainty than a hedged source allows. */
export const CERTAINTY: readonly string[] = [
  'definitely',
  'certainly',
  'clearly',
  'absolutely',
  'completely',
  'always',
  'undoubtedly',
  'confirmed',
  'confirms',
  'proves',
  'guaranteed',
  'fully',
  'totally',
  'entirely',
];
export const HEDGES: readonly string[] = [
  'maybe',
  'i think',
  'i guess',
  'probably',
  'might',
  'kind of',
  'sort of',
  'possibly',
  'not sure',
  'sometimes',
  'a little',
  'i suppose',
  'perhaps',
];

/** Risk topics: a claim about these must agree in polarity with what the source says. */
export const RISK_TOPIC =
  /\bsuicid\w*|\bSI\b|\bHI\b|kill(?:ing)? (?:myself|yourself|himself|herself|themselves)|end(?:ing)? (?:my|your|their|his|her) life|(?:wish|wishing|want(?:ed)?) (?:i|you|they) (?:were|was) dead|self-harm\w*|hurt(?:ing)? (?:myself|yourself|himself|herself|themselves|anyone|someone|others)|homicid\w*|overdos\w*|\bcutting\b/i;

/** Clinical statements a scribe might assume when nothing was said: flagged wherever the source does not state them. */
export const ASSUMED_NORMAL =
  /alert and oriented|oriented (?:x|times) ?[34]|euthymic|linear and goal[- ]directed|good eye contact|thought process(?:es)? (?:was|were|is|are) (?:logical|linear)|insight and judgment (?:are|were) (?:good|fair|intact)|no (?:evidence of )?psychosis|well[- ]groomed/i;

/** Risk topics by kind, so affirming one (self-harm urges) never stands in for another (suicidal ideation). */
export const RISK_KINDS: ReadonlyArray<readonly [kind: string, pattern: RegExp]> = [
  [
    'suicide',
    /\bsuicid\w*|\bSI\b|kill(?:ing)? (?:myself|yourself|himself|herself|themselves)|end(?:ing)? (?:my|your|their|his|her) life|(?:wish|wishing|want(?:ed)?) (?:i|you|they) (?:were|was) dead|not (?:want(?:ing)? to be|being) (?:here|alive)/i,
  ],
  [
    'self_harm',
    /self-harm\w*|\bcutting\b|hurt(?:ing)? (?:myself|yourself|himself|herself|themselves)|harm(?:ing)? (?:myself|yourself|himself|herself|themselves)/i,
  ],
  [
    'violence',
    /\bHI\b|homicid\w*|hurt(?:ing)? (?:anyone|someone|others|the baby|her|him)|harm(?:ing)? (?:anyone|someone|others|the baby)/i,
  ],
  ['overdose', /overdos\w*/i],
];
