import type { Role } from '../../../types.ts';

/**
 * The demo practices and their staff. Usernames are stable: the README, docs and tests rely on them.
 * All people and places are fictional; phone numbers use the 555-01xx range reserved for fiction.
 */
export interface StaffSpec {
  username: string;
  displayName: string;
  role: Role;
  credentials?: string;
  /** The note format this clinician writes in. */
  noteFormat?: 'SOAP' | 'DAP' | 'BIRP' | 'GIRP';
  /** What kinds of clients they see; used to build caseloads. */
  focus?: ReadonlyArray<'adult' | 'minor' | 'couple' | 'family' | 'spanish' | 'sud' | 'prescriber'>;
  isPrescriber?: boolean;
  onCall?: boolean;
  active?: boolean;
  /** Usernames this person supervises. */
  supervises?: readonly string[];
  /** How many clients the seed gives them. */
  caseloadSize?: number;
}

export interface PracticeSpec {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  mrnPrefix: string;
  city: string;
  state: string;
  postalPrefix: string;
  staff: readonly StaffSpec[];
}

export const DEMO_PRACTICES: readonly PracticeSpec[] = [
  {
    id: 'prc_lakeside',
    slug: 'lakeside',
    name: 'Lakeside Counseling',
    timezone: 'America/Chicago',
    mrnPrefix: 'LC',
    city: 'Harbor Falls',
    state: 'IL',
    postalPrefix: '605',
    staff: [
      {
        username: 'avery.chen',
        displayName: 'Avery Chen',
        role: 'clinician',
        credentials: 'LCSW',
        noteFormat: 'SOAP',
        focus: ['adult'],
        caseloadSize: 11,
        onCall: true,
      },
      {
        username: 'sam.okafor',
        displayName: 'Sam Okafor',
        role: 'clinician',
        credentials: 'LPC',
        noteFormat: 'DAP',
        focus: ['adult', 'minor'],
        caseloadSize: 11,
      },
      {
        username: 'morgan.lee',
        displayName: 'Morgan Lee',
        role: 'supervisor',
        credentials: 'PsyD',
        noteFormat: 'BIRP',
        focus: ['adult'],
        caseloadSize: 5,
        supervises: ['avery.chen', 'sam.okafor'],
      },
      {
        username: 'emery.walsh',
        displayName: 'Emery Walsh',
        role: 'clinician',
        credentials: 'LMFT',
        noteFormat: 'GIRP',
        focus: ['couple', 'family', 'minor'],
        caseloadSize: 8,
      },
      {
        username: 'alex.rivera',
        displayName: 'Alex Rivera',
        role: 'clinician',
        credentials: 'LCADC, LCPC',
        noteFormat: 'BIRP',
        focus: ['sud', 'spanish', 'adult'],
        caseloadSize: 9,
      },
      {
        username: 'priya.raman',
        displayName: 'Priya Raman',
        role: 'clinician',
        credentials: 'PMHNP-BC',
        noteFormat: 'SOAP',
        focus: ['prescriber', 'adult'],
        isPrescriber: true,
        caseloadSize: 6,
      },
      { username: 'jamie.ortiz', displayName: 'Jamie Ortiz', role: 'front_desk' },
      { username: 'riley.brooks', displayName: 'Riley Brooks', role: 'biller' },
      { username: 'casey.nguyen', displayName: 'Casey Nguyen', role: 'practice_admin' },
      {
        username: 'dana.fox',
        displayName: 'Dana Fox',
        role: 'clinician',
        credentials: 'LCSW',
        noteFormat: 'DAP',
        active: false,
        caseloadSize: 0,
      },
    ],
  },
  {
    id: 'prc_northside',
    slug: 'northside',
    name: 'Northside Behavioral Health',
    timezone: 'America/Denver',
    mrnPrefix: 'NB',
    city: 'Cedar Bend',
    state: 'CO',
    postalPrefix: '805',
    staff: [
      {
        username: 'taylor.kim',
        displayName: 'Taylor Kim',
        role: 'clinician',
        credentials: 'LPC',
        noteFormat: 'DAP',
        focus: ['adult', 'minor'],
        caseloadSize: 9,
        onCall: true,
      },
      {
        username: 'robin.hale',
        displayName: 'Robin Hale',
        role: 'clinician',
        credentials: 'LCSW',
        noteFormat: 'GIRP',
        focus: ['adult', 'spanish'],
        caseloadSize: 6,
      },
      {
        username: 'quinn.harper',
        displayName: 'Quinn Harper',
        role: 'supervisor',
        credentials: 'PhD',
        noteFormat: 'SOAP',
        focus: ['adult'],
        caseloadSize: 3,
        supervises: ['taylor.kim', 'robin.hale'],
      },
      { username: 'drew.patel', displayName: 'Drew Patel', role: 'front_desk' },
      { username: 'reese.lang', displayName: 'Reese Lang', role: 'biller' },
      { username: 'kai.santos', displayName: 'Kai Santos', role: 'practice_admin' },
    ],
  },
];

/** Fictional given names; the seed pairs them at random with family names. */
export const FIRST_NAMES = [
  'Jordan',
  'Maya',
  'Elliot',
  'Noor',
  'Theo',
  'Imani',
  'Rowan',
  'Lena',
  'Marcus',
  'Hana',
  'Dev',
  'Clara',
  'Owen',
  'Aisha',
  'Felix',
  'Sienna',
  'Malik',
  'Ivy',
  'Tobias',
  'Zara',
  'Caleb',
  'Priscilla',
  'Nico',
  'Ada',
  'Jasper',
  'Leah',
  'Ezra',
  'Mina',
  'Gideon',
  'Rosa',
  'Kieran',
  'Tess',
  'Omar',
  'Wren',
  'Dominic',
  'Juniper',
  'Silas',
  'Nadia',
  'August',
  'Lucia',
  'Bennett',
  'Yara',
  'Harvey',
  'Esme',
  'Luca',
  'Farah',
  'Quentin',
  'Opal',
] as const;

export const SPANISH_FIRST_NAMES = [
  'Mateo',
  'Valentina',
  'Santiago',
  'Camila',
  'Joaquín',
  'Ximena',
  'Emilio',
  'Renata',
  'Tomás',
  'Lucía',
  'Andrés',
  'Mariana',
] as const;

export const LAST_NAMES = [
  'Abernathy',
  'Baptiste',
  'Calloway',
  'Dunmore',
  'Ellison',
  'Fairbanks',
  'Galloway',
  'Hollis',
  'Iverson',
  'Jessup',
  'Kingsley',
  'Lindqvist',
  'Marchetti',
  'Northcott',
  'Okonkwo-Hale',
  'Pemberton',
  'Quill',
  'Ransome',
  'Sterling',
  'Thorne',
  'Underwood',
  'Vance',
  'Whitlock',
  'Yardley',
  'Ashgrove',
  'Brightwater',
  'Coldwell',
  'Delacroix',
  'Emberly',
  'Fenwick',
  'Greenleaf',
  'Hartwell',
  'Ingram',
  'Kessler',
  'Larkspur',
  'Merriweather',
] as const;

export const SPANISH_LAST_NAMES = [
  'Arce Villalba',
  'Benavides',
  'Cifuentes',
  'Echeverría',
  'Galindo',
  'Iturbide',
  'Lozano Pérez',
  'Montalvo',
  'Quiroga',
  'Saavedra',
  'Villaseñor',
  'Zamudio',
] as const;

export const GUARDIAN_RELATIONSHIPS = ['mother', 'father', 'grandmother', 'aunt', 'legal guardian'] as const;

export const STREETS = [
  'Birch Hollow Rd',
  'Quarry Lane',
  'Lantern Way',
  'Old Mill Ct',
  'Heron Point Dr',
  'Juniper Row',
  'Tamarack Ave',
  'Fieldstone Pl',
  'Willowbank St',
  'Copperleaf Dr',
] as const;

export const PAYERS = [
  { payer: 'Prairie Health Plan', payerId: 'PHP01', planType: 'commercial' },
  { payer: 'Summit Mutual PPO', payerId: 'SMP22', planType: 'commercial' },
  { payer: 'Heartland Medicaid Managed Care', payerId: 'HMM07', planType: 'medicaid' },
  { payer: 'Medicare Part B (demo)', payerId: 'MCR00', planType: 'medicare' },
] as const;
