import * as z from 'zod';
import { MAX_RISK_FLAG_PAGE } from '../ehr/flags.ts';
import { requirePart2Consent } from '../policies/walls.ts';
import { defineTool } from './define.ts';
import { RiskFlagView, toRiskFlagView } from './risk-flag-view.ts';
import { Cursor, Limit, page, RecordId } from './schemas.ts';

/** An id as charta writes them (`cli_…`): letters, digits, `_` and `-`; control characters and spaces are refused. */
const IdInput = RecordId.regex(/^[A-Za-z0-9_-]+$/, 'an id holds only letters, digits, _ and -');

export const listRiskFlags = defineTool({
  name: 'list_risk_flags',
  title: 'List risk flags awaiting review',
  description: `The risk flags flag_risk stored for clients of your caseload, or for one client, as a review queue: emergency first, then urgent, then routine, newest first within each. By default only flags still pending review; status "reviewed" or "all" shows the others. Each flag carries its kind, the record it is about, its evidence (record ids, codes, numbers; never message text), the recommended action, and who reviewed it and when. Flags of a substance-use program (42 CFR Part 2) client appear only under a consent covering your purpose. Read-only: it never raises, reviews, closes or changes a flag, and contacts no one.`,
  permission: 'risk:read',
  effect: 'read',
  input: z.object({
    clientId: IdInput.optional().describe('only this client’s flags, e.g. cli_…'),
    status: z
      .enum(['pending_review', 'reviewed', 'all'])
      .default('pending_review')
      .describe('which flags: pending_review (the default), reviewed, or all'),
    limit: Limit(MAX_RISK_FLAG_PAGE, 25),
    cursor: Cursor,
  }),
  output: page(
    RiskFlagView.extend({
      clientId: RecordId,
      createdAt: z.string(),
      reviewedBy: RecordId.nullable(),
      reviewedAt: z.string().nullable(),
    }),
  ),
  async run(input, { scope, ehr, principal, touch }) {
    let clientIds: readonly string[] | undefined;
    if (input.clientId) {
      // Naming one client is a read of that client's record: a walled client is refused, not answered with an empty
      // queue that would read as "no risk flags".
      await scope.requireClient(input.clientId);
      await requirePart2Consent(ehr, principal, input.clientId);
      clientIds = [input.clientId];
    } else {
      const reach = await scope.clientIds();
      if (reach) clientIds = [...reach];
    }
    // Scope is applied in the query. The walled gateway leaves out, page by page, the flags of Part 2 clients no
    // consent releases (as it does for list_claims), so the cursor stays the store's and a page may come back short.
    const { items, nextCursor } = await ehr.drafts.riskFlags.list({
      ...(clientIds ? { clientIds } : {}),
      ...(input.status === 'all' ? {} : { status: input.status }),
      limit: input.limit,
      cursor: input.cursor ?? null,
    });
    touch(...items.flatMap((f) => [f.id, f.clientId]));
    return {
      items: items.map((f) => ({
        ...toRiskFlagView(f),
        clientId: f.clientId,
        createdAt: f.createdAt,
        reviewedBy: f.reviewedBy,
        reviewedAt: f.reviewedAt,
      })),
      nextCursor,
    };
  },
});
