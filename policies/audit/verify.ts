import { type ChainedAuditEvent, chainHash } from './chain.ts';
import { type AuditCheckpoint, type CheckpointVerifier, checkpointSignatureProblem } from './checkpoint.ts';

/**
 * Verification of a stored chain against itself and its signed checkpoints. Pure: the caller reads the rows (in seq
 * order, as the database returns them) and the checkpoints.
 *
 * How each kind of tampering shows, and the seq reported as the first broken link:
 * - edited: a row's recomputed hash differs from its stored hash (the row's seq). If the attacker also recomputed
 *   that row's hash, the next row still points at the old hash: reported at the edited row all the same.
 * - deleted_or_inserted: a row's prev_hash names a row that is not there (deleted: the first missing seq), or skips
 *   back over rows that are not part of the chain (inserted: the first such row).
 * - reordered: a row's prev_hash names a row that comes after it (the first misplaced seq).
 * - truncated: a signed checkpoint vouches for a seq past the last row (the first missing seq).
 * - rewritten: the rows are consistent, but a signed checkpoint vouches for a different hash at its seq: someone
 *   without the key recomputed the chain. Only the checkpoint's seq can be named; the rewrite began after the last
 *   checkpoint that still matches.
 * - bad_checkpoint: a checkpoint's signature does not verify with the configured key (the checkpoint's seq).
 */

export type TamperReason =
  | 'edited'
  | 'deleted_or_inserted'
  | 'reordered'
  | 'truncated'
  | 'bad_checkpoint'
  | 'rewritten';

export interface BrokenLink {
  readonly seq: number;
  readonly reason: TamperReason;
  readonly detail: string;
}

export type ChainVerdict =
  | {
      readonly ok: true;
      readonly count: number;
      /** The last row's hash; null for an empty chain. */
      readonly head: string | null;
      readonly lastCheckpointSeq: number | null;
      /**
       * Rows after the last checkpoint. Nothing vouches for them yet; far more than the writer's checkpoint interval
       * can mean that newer checkpoints were deleted along with a truncation or a rewrite.
       */
      readonly unvouched: number;
      /** False when no key was given: checkpoints were compared with the rows but their signatures not checked. */
      readonly signaturesChecked: boolean;
    }
  | { readonly ok: false; readonly firstBroken: BrokenLink };

const short = (hash: string | null) => (hash === null ? 'null' : `${hash.slice(0, 12)}…`);
/** "row 5 is missing", "rows 5–8 are missing". */
const span = (from: number, to: number, what: string) =>
  from === to ? `row ${from} is ${what}` : `rows ${from}–${to} are ${what}`;

/** Checks every link and every checkpoint; stops at the first break, in seq order. */
export function verifyChain(
  rows: readonly ChainedAuditEvent[],
  checkpoints: readonly AuditCheckpoint[],
  verifier: CheckpointVerifier | null,
): ChainVerdict {
  const pending = [...checkpoints].sort((a, b) => a.seq - b.seq);
  let nextCheckpoint = 0;
  let lastMatched = 0;
  const broken = (seq: number, reason: TamperReason, detail: string) =>
    ({ ok: false, firstBroken: { seq, reason, detail } }) as const;
  const signatureProblem = (cp: AuditCheckpoint) => (verifier ? checkpointSignatureProblem(verifier, cp) : null);

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const linkBreak = classifyLink(rows, i);
    if (linkBreak) return { ok: false, firstBroken: linkBreak };
    if (chainHash(row.prevHash, row.seq, row) !== row.hash) {
      return broken(row.seq, 'edited', `row ${row.seq} no longer matches its hash ${short(row.hash)}`);
    }
    // Checkpoints at or before this row (a seq below 1 can only be a forgery).
    for (; nextCheckpoint < pending.length && pending[nextCheckpoint]!.seq <= row.seq; nextCheckpoint++) {
      const cp = pending[nextCheckpoint]!;
      const problem = signatureProblem(cp);
      if (problem) return broken(cp.seq, 'bad_checkpoint', `checkpoint at seq ${cp.seq}: ${problem}`);
      if (cp.seq !== row.seq) {
        return broken(cp.seq, 'bad_checkpoint', `checkpoint at seq ${cp.seq} names a position no row can have`);
      }
      if (cp.hash !== row.hash) {
        return broken(
          cp.seq,
          'rewritten',
          `checkpoint signed at ${cp.signedAt} vouches for hash ${short(cp.hash)} at seq ${cp.seq}, but the row ` +
            `there has ${short(row.hash)}: the chain was recomputed somewhere in seq ${lastMatched + 1}–${cp.seq}`,
        );
      }
      lastMatched = cp.seq;
    }
  }

  const last = rows.at(-1) ?? null;
  for (const cp of pending.slice(nextCheckpoint)) {
    const problem = signatureProblem(cp);
    if (problem) return broken(cp.seq, 'bad_checkpoint', `checkpoint at seq ${cp.seq}: ${problem}`);
    const first = (last?.seq ?? 0) + 1;
    return broken(
      first,
      'truncated',
      `checkpoint signed at ${cp.signedAt} vouches for ${cp.eventCount} events up to seq ${cp.seq}, but the chain ` +
        `ends at seq ${last?.seq ?? 0}: ${span(first, cp.seq, 'missing')}`,
    );
  }
  return {
    ok: true,
    count: rows.length,
    head: last?.hash ?? null,
    lastCheckpointSeq: pending.at(-1)?.seq ?? null,
    unvouched: (last?.seq ?? 0) - (pending.at(-1)?.seq ?? 0),
    signaturesChecked: verifier !== null,
  };
}

/**
 * Null when row i follows row i-1 (consecutive seq, prev_hash = the previous hash); otherwise names the first
 * broken link. Only runs its searches once a link is broken, so an intact chain costs one comparison per row.
 */
function classifyLink(rows: readonly ChainedAuditEvent[], i: number): BrokenLink | null {
  const row = rows[i]!;
  const prev = i > 0 ? rows[i - 1]! : null;
  const expectedSeq = prev ? prev.seq + 1 : 1;
  const expectedPrevHash = prev?.hash ?? null;
  if (row.seq === expectedSeq && row.prevHash === expectedPrevHash) return null;

  const target = row.prevHash === null ? -1 : rows.findIndex((r) => r.hash === row.prevHash);
  if (row.seq < expectedSeq || target > i) {
    return {
      seq: expectedSeq,
      reason: 'reordered',
      detail:
        row.seq < expectedSeq
          ? `seq ${row.seq} comes after seq ${prev?.seq}`
          : `the row at seq ${expectedSeq} links to the row now at seq ${rows[target]!.seq}, which comes after it`,
    };
  }
  // A later row that still links to the previous row: everything between them was inserted.
  const successor = prev ? rows.findIndex((r, j) => j > i && r.prevHash === prev.hash) : -1;
  if (successor > i) {
    return {
      seq: row.seq,
      reason: 'deleted_or_inserted',
      detail: `${span(row.seq, rows[successor - 1]!.seq, 'not part of the chain')}: seq ${rows[successor]!.seq} links to seq ${prev?.seq}`,
    };
  }
  if (target >= 0 && target < i - 1) {
    const inserted = rows[target + 1]!;
    return {
      seq: inserted.seq,
      reason: 'deleted_or_inserted',
      detail: `${span(inserted.seq, prev?.seq ?? inserted.seq, 'not part of the chain')}: seq ${row.seq} links to seq ${rows[target]!.seq}`,
    };
  }
  if (target === i - 1 && target >= 0) {
    return {
      seq: expectedSeq,
      reason: 'edited',
      detail: `the row after seq ${prev?.seq} was renumbered to ${row.seq}`,
    };
  }
  // prev_hash names no row that is here. If this row is itself intact and in place, the previous row was changed and
  // its hash recomputed (this row still holds the old hash); otherwise rows are missing before this one.
  const intactInPlace = prev !== null && row.seq === expectedSeq && chainHash(row.prevHash, row.seq, row) === row.hash;
  if (intactInPlace && row.prevHash !== null) {
    return {
      seq: prev.seq,
      reason: 'edited',
      detail: `row ${prev.seq} was changed and its hash recomputed: row ${row.seq} still links to ${short(row.prevHash)}`,
    };
  }
  return {
    seq: expectedSeq,
    reason: 'deleted_or_inserted',
    detail:
      row.seq > expectedSeq
        ? span(expectedSeq, row.seq - 1, 'missing')
        : `the row at seq ${expectedSeq} links to ${short(row.prevHash)}, which is not in the chain: a row before it was deleted`,
  };
}
