/**
 * Note-drafting eval: the offline extractive drafter over 20 developer-built synthetic sessions, in every format.
 * Forbidden facts (plausible, absent from the session) must never be stated; fact recall is reported per format.
 */
import { describe, expect, it } from 'vitest';
import { checkGrounding } from '../../clinical/grounding/check.ts';
import { draftNote } from '../../clinical/notes/draft.ts';
import { DRAFT_FORMATS } from '../../clinical/notes/formats.ts';
import { ALWAYS_FORBIDDEN, ITEMS, statedIn } from './dataset.ts';

/** Floor under the mean recall per format, set below the first measured figures (README) to catch regressions. */
const MIN_RECALL = 0.9;

describe('note-drafting eval set', () => {
  it('is well formed: ≥ 30 sessions (issue 9), every fact in its session, no forbidden fact in it', () => {
    expect(ITEMS.length).toBeGreaterThanOrEqual(30);
    for (const item of ITEMS) {
      expect(item.facts.length, item.id).toBeGreaterThanOrEqual(5);
      expect(item.forbidden.length, item.id).toBeGreaterThanOrEqual(5);
      for (const f of item.facts) expect(statedIn(item.transcript, f.match, 2), `${item.id}: ${f.text}`).toBe(true);
      for (const f of [...item.forbidden, ...ALWAYS_FORBIDDEN]) {
        expect(statedIn(item.transcript, f.match, 2), `${item.id} forbids ${f.text}`).toBe(false);
      }
    }
  });

  it.each(DRAFT_FORMATS)('%s: states no forbidden fact, every statement grounded, recall reported', (format) => {
    let facts = 0;
    let recalled = 0;
    let forbiddenStated = 0;
    let forbiddenTotal = 0;
    let flaggedClaims = 0;
    let claims = 0;
    for (const item of ITEMS) {
      const draft = draftNote({ format, source: { id: item.id, kind: item.kind, text: item.transcript } });
      const text = Object.values(draft.sections).join('\n');
      for (const f of [...item.forbidden, ...ALWAYS_FORBIDDEN]) {
        forbiddenTotal++;
        if (statedIn(text, f.match)) {
          forbiddenStated++;
          console.log(`  ${format} ${item.id} states forbidden fact: ${f.text}`);
        }
      }
      for (const f of item.facts) {
        facts++;
        if (statedIn(text, f.match)) recalled++;
      }
      const report = checkGrounding(draft.sections, [{ id: item.id, type: item.kind, text: item.transcript }]);
      claims += report.claims.length;
      flaggedClaims += report.counts.unsupported + report.counts.contradicted;
    }
    const recall = recalled / facts;
    console.log(
      `${format}: fact recall ${recall.toFixed(3)} (${recalled}/${facts}), forbidden stated ${forbiddenStated}/${forbiddenTotal}, ` +
        `grounding flags on own drafts ${flaggedClaims}/${claims}`,
    );
    expect(forbiddenStated).toBe(0);
    expect(recall).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(flaggedClaims / claims).toBeLessThanOrEqual(0.05);
  });
});
