import { type CodeSetChoice, dotted, ICD10CM_PATTERN } from '../coding/code-set.ts';
import { crisisUnits, psychotherapyCode } from '../coding/cpt.ts';
import type { PtpPair } from './edit-tables.ts';
import {
  ADDON_PRIMARIES,
  DEFAULT_UNIT_LIMIT,
  DEFAULT_UNITS_PER_DAY,
  EXCLUSIVE_PAIRS,
  isEm,
  type RuleId,
  SCRUB_RULES,
  type Severity,
  TIME_RANGES,
} from './rules.ts';

export interface ScrubLine {
  lineNumber: number;
  cpt: string;
  modifiers: readonly string[];
  units: number;
  minutes: number | null;
  placeOfService: string;
  diagnosisPointers: readonly string[];
}

export interface ScrubClaim {
  id: string;
  clientId: string;
  dateOfService: string;
  diagnosisCodes: readonly string[];
  placeOfService: string;
  status: string;
  lines: readonly ScrubLine[];
}

export interface ScrubContext {
  /** The appointment the claim bills, when it names one. */
  appointment: {
    modality: 'telehealth' | 'in_person';
    telehealthMode: 'audio_video' | 'audio_only' | null;
    minutes: number;
  } | null;
  /** Non-process notes of the client for the date of service (or the appointment). */
  notes: ReadonlyArray<{ status: string }>;
  /** The client's other claims, for the duplicate check. */
  otherClaims: readonly ScrubClaim[];
  codeSet: CodeSetChoice;
  /** Imported MUE values (code → units per day) override the defaults. */
  unitLimits?: Readonly<Record<string, number>>;
  /**
   * Imported NCCI procedure-to-procedure pairs in force: indicator 0 never together; 1 together only when the
   * column-2 line carries a distinct-service modifier (59, XE, XS, XP, XU).
   */
  ptpPairs?: readonly PtpPair[];
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  /** Claim lines concerned; empty for a claim-level finding. */
  lines: number[];
  /** What a person could change; the scrubber never changes the claim. */
  suggestedFix: string;
  source: string;
}

export interface ScrubResult {
  claimId: string;
  findings: Finding[];
  /** Limits of this run: a missing fiscal-year code set, defaults in place of imported edit tables. */
  notices: string[];
  rulesChecked: RuleId[];
}

type Check = (claim: ScrubClaim, ctx: ScrubContext, emit: Emit) => void;
type Emit = (message: string, suggestedFix: string, lines?: number[]) => void;

const TELE_MODIFIERS = ['95', '93', 'FQ', 'GT'];
const DISTINCT_SERVICE_MODIFIERS = ['59', 'XE', 'XS', 'XP', 'XU'];
const TELE_POS = ['02', '10'];
const has = (claim: ScrubClaim, code: string) =>
  claim.lines.some((l) => (code === '@EM' ? isEm(l.cpt) : l.cpt === code));

const CHECKS: Record<RuleId, Check> = {
  'TIME-VS-CODE'(claim, ctx, emit) {
    const crisis = claim.lines.filter((l) => l.cpt === '90839' || l.cpt === '90840');
    for (const line of claim.lines) {
      const range = TIME_RANGES[line.cpt];
      const minutes = line.minutes ?? ctx.appointment?.minutes ?? null;
      if (!range || minutes === null) continue;
      const [min, max] = range;
      if (minutes >= min && (max === null || minutes <= max)) continue;
      const right = ['90846', '90847'].includes(line.cpt)
        ? null
        : psychotherapyCode(minutes, !/^9083[247]$/.test(line.cpt));
      emit(
        `${line.cpt} needs ${min}${max === null ? '+' : `–${max}`} minutes; ${minutes} are documented.`,
        right
          ? `Bill ${right} for ${minutes} minutes, or correct the documented time.`
          : `Do not bill ${line.cpt} for ${minutes} minutes.`,
        [line.lineNumber],
      );
    }
    if (crisis.length > 0) {
      const total = ctx.appointment?.minutes ?? crisis.reduce((sum, l) => sum + (l.minutes ?? 0), 0);
      const expected = crisisUnits(total);
      const addOn = crisis.filter((l) => l.cpt === '90840').reduce((sum, l) => sum + l.units, 0);
      if (!expected.base) {
        emit(
          `Crisis psychotherapy needs at least 30 minutes; ${total} are documented.`,
          `Bill ${psychotherapyCode(total, false) ?? 'no psychotherapy code'} instead.`,
          crisis.map((l) => l.lineNumber),
        );
      } else if (addOn !== expected.addOn) {
        emit(
          `${total} minutes of crisis care support ${expected.addOn} unit(s) of 90840; ${addOn} billed.`,
          `Bill 90840 × ${expected.addOn}.`,
          crisis.map((l) => l.lineNumber),
        );
      }
    }
  },
  'ADDON-WITHOUT-PRIMARY'(claim, _ctx, emit) {
    for (const line of claim.lines) {
      const primaries = ADDON_PRIMARIES[line.cpt];
      if (!primaries || primaries.some((p) => has(claim, p))) continue;
      emit(
        `Add-on ${line.cpt} has no primary code on the claim (one of ${primaries.map((p) => (p === '@EM' ? 'an E/M code' : p)).join(', ')}).`,
        `Add the primary service that was performed, or remove ${line.cpt}.`,
        [line.lineNumber],
      );
    }
  },
  'MUTUALLY-EXCLUSIVE'(claim, ctx, emit) {
    const pairs = [
      ...EXCLUSIVE_PAIRS.map(([a, b, src]) => [a, b, src] as const),
      ...(ctx.ptpPairs ?? []).map(
        (p) => [[p.column1], [p.column2], `NCCI PTP, modifier indicator ${p.modifier}`] as const,
      ),
    ];
    const bypassed = (a: ScrubLine, b: ScrubLine) =>
      (ctx.ptpPairs ?? []).some(
        (p) =>
          p.modifier === '1' &&
          p.column1 === a.cpt &&
          p.column2 === b.cpt &&
          b.modifiers.some((m) => DISTINCT_SERVICE_MODIFIERS.includes(m)),
      ) && !EXCLUSIVE_PAIRS.some(([l, r]) => l.includes(a.cpt) && r.includes(b.cpt));
    const seen = new Set<string>();
    for (const [left, right, src] of pairs) {
      for (const a of claim.lines.filter((l) => left.includes(l.cpt))) {
        for (const b of claim.lines.filter(
          (l) => l !== a && right.some((r) => (r === '@EM' ? isEm(l.cpt) : r === l.cpt)),
        )) {
          const key = [a.lineNumber, b.lineNumber].sort().join('-');
          if (seen.has(key) || bypassed(a, b)) continue;
          seen.add(key);
          emit(
            `${a.cpt} and ${b.cpt} are not reported together on one date (${src}).`,
            `Keep the code that matches the service documented and remove the other.`,
            [a.lineNumber, b.lineNumber],
          );
        }
      }
    }
    const standalone = claim.lines.filter((l) => /^9083[247]$/.test(l.cpt));
    if (standalone.length > 1) {
      emit(
        'More than one standalone psychotherapy code for one session.',
        'Bill one code for the total psychotherapy time.',
        standalone.map((l) => l.lineNumber),
      );
    }
  },
  'UNITS-PER-DAY'(claim, ctx, emit) {
    const byCode = new Map<string, { units: number; lines: number[] }>();
    for (const line of claim.lines) {
      if (!Number.isInteger(line.units) || line.units < 1) {
        emit(
          `Line ${line.lineNumber} bills ${line.units} units of ${line.cpt}.`,
          'Units must be a whole number of at least 1.',
          [line.lineNumber],
        );
        continue;
      }
      const entry = byCode.get(line.cpt) ?? { units: 0, lines: [] };
      entry.units += line.units;
      entry.lines.push(line.lineNumber);
      byCode.set(line.cpt, entry);
    }
    for (const [code, { units, lines }] of byCode) {
      const limit = ctx.unitLimits?.[code] ?? DEFAULT_UNITS_PER_DAY[code] ?? DEFAULT_UNIT_LIMIT;
      if (units > limit)
        emit(`${units} units of ${code} on one date; the limit is ${limit}.`, `Bill at most ${limit}.`, lines);
    }
  },
  'TELEHEALTH-POS-MODIFIER'(claim, ctx, emit) {
    const tele = ctx.appointment ? ctx.appointment.modality === 'telehealth' : null;
    for (const line of claim.lines) {
      const pos = line.placeOfService || claim.placeOfService;
      const teleMods = line.modifiers.filter((m) => TELE_MODIFIERS.includes(m));
      const lineTele = tele ?? (TELE_POS.includes(pos) || teleMods.length > 0);
      if (lineTele) {
        const want =
          ctx.appointment?.telehealthMode === 'audio_only'
            ? ['93', 'FQ']
            : tele === null
              ? TELE_MODIFIERS
              : ['95', 'GT'];
        const mode = ctx.appointment?.telehealthMode === 'audio_only' ? 'audio-only' : 'video';
        if (!TELE_POS.includes(pos))
          emit(
            `A telehealth service is billed with place of service ${pos}.`,
            'Use POS 10 (client at home) or 02 (client elsewhere).',
            [line.lineNumber],
          );
        if (!teleMods.some((m) => want.includes(m))) {
          emit(
            `The ${mode} telehealth line lacks its modifier (${want.join(' or ')}).`,
            `Add modifier ${want[0]}${teleMods.length ? ` in place of ${teleMods.join(', ')}` : ''}.`,
            [line.lineNumber],
          );
        }
      } else if (TELE_POS.includes(pos) || teleMods.length > 0) {
        emit(
          'An in-person service carries a telehealth place of service or modifier.',
          'Use the in-person place of service (11 for the office) and remove 95/93/FQ/GT.',
          [line.lineNumber],
        );
      }
    }
  },
  'DX-POINTERS'(claim, _ctx, emit) {
    if (claim.diagnosisCodes.length === 0) emit('The claim has no diagnosis.', 'Add the diagnoses the note documents.');
    if (claim.diagnosisCodes.length > 12) emit('The claim has more than 12 diagnoses.', 'Keep at most 12 (A–L).');
    for (const line of claim.lines) {
      const bad = line.diagnosisPointers.filter(
        (p) => !/^[A-L]$/.test(p) || p.charCodeAt(0) - 65 >= claim.diagnosisCodes.length,
      );
      if (line.diagnosisPointers.length === 0)
        emit(
          `Line ${line.lineNumber} (${line.cpt}) points at no diagnosis.`,
          'Point it at the diagnosis treated (A first).',
          [line.lineNumber],
        );
      else if (line.diagnosisPointers.length > 4)
        emit(
          `Line ${line.lineNumber} has ${line.diagnosisPointers.length} pointers; at most 4.`,
          'Keep the 4 most relevant.',
          [line.lineNumber],
        );
      if (bad.length > 0)
        emit(
          `Line ${line.lineNumber} points at ${bad.join(', ')}, which the claim does not have.`,
          'Point only at letters of listed diagnoses.',
          [line.lineNumber],
        );
    }
  },
  'ICD-INVALID'(claim, ctx, emit) {
    const set = ctx.codeSet.set;
    for (const raw of claim.diagnosisCodes) {
      const code = dotted(raw);
      if (!ICD10CM_PATTERN.test(code)) {
        emit(`${raw} is not an ICD-10-CM code.`, 'Replace it with the documented diagnosis code.');
        continue;
      }
      if (!set) continue;
      const entry = set.entries.get(code);
      if (!entry)
        emit(`${code} is not in ICD-10-CM ${set.version}.`, 'Replace it with a valid code for the date of service.');
      else if (!entry.billable)
        emit(
          `${code} is a category header, not billable in ${set.version}.`,
          `Use a billable code under ${code} that the note supports.`,
        );
    }
  },
  'NOTE-UNSIGNED'(claim, ctx, emit) {
    if (ctx.notes.some((n) => n.status === 'signed' || n.status === 'locked')) return;
    emit(
      `No signed note documents the service on ${claim.dateOfService}${ctx.notes.length ? ' (a draft exists)' : ''}.`,
      'Have the clinician sign the note before the claim is submitted.',
    );
  },
  'DUPLICATE-CLAIM'(claim, ctx, emit) {
    for (const other of ctx.otherClaims) {
      if (other.id === claim.id || other.clientId !== claim.clientId || other.dateOfService !== claim.dateOfService)
        continue;
      if (other.status === 'rejected' || other.status === 'denied') continue;
      const shared = claim.lines.filter((l) => other.lines.some((o) => o.cpt === l.cpt));
      if (shared.length > 0) {
        emit(
          `Claim ${other.id} (${other.status}) already bills ${shared.map((l) => l.cpt).join(', ')} for this date.`,
          'Void this claim, or submit it as a corrected claim of the other.',
          shared.map((l) => l.lineNumber),
        );
      }
    }
  },
};

/** Runs every rule over one claim. Reads only; the claim is returned untouched, findings say what a person may fix. */
export function scrubClaim(claim: ScrubClaim, ctx: ScrubContext): ScrubResult {
  const findings: Finding[] = [];
  for (const rule of SCRUB_RULES) {
    CHECKS[rule.id](claim, ctx, (message, suggestedFix, lines = []) =>
      findings.push({ ruleId: rule.id, severity: rule.severity, message, lines, suggestedFix, source: rule.source }),
    );
  }
  const notices: string[] = [];
  if (ctx.codeSet.missing) notices.push(ctx.codeSet.missing);
  if (!ctx.unitLimits)
    notices.push('Units were checked against charta defaults; import the CMS MUE file for payer-grade limits.');
  if (!ctx.ptpPairs)
    notices.push(
      'Code pairs were checked against the documented policy pairs; import the CMS NCCI PTP file for the full table.',
    );
  return { claimId: claim.id, findings, notices, rulesChecked: SCRUB_RULES.map((r) => r.id) };
}

export const ruleIdsWithChecks = (): string[] => Object.keys(CHECKS);
