import type { Assessment } from '../ehr/types.ts';
import type { ToolContext } from './define.ts';

/** The most administrations of one client the assessment tools read: years of weekly measures, bounded. */
export const MAX_ADMINISTRATIONS = 500;

/** Every stored administration of one instrument for a client already in scope, oldest first, bounded. */
export async function administrations(
  ehr: ToolContext['ehr'],
  clientId: string,
  instrument?: Assessment['instrument'],
): Promise<{ items: Assessment[]; limited: boolean }> {
  const items: Assessment[] = [];
  let cursor: string | null = null;
  do {
    const page = await ehr.read.assessments.list({
      clientId,
      ...(instrument ? { instrument } : {}),
      limit: 100,
      cursor,
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < MAX_ADMINISTRATIONS);
  items.sort((a, b) => a.administeredAt.localeCompare(b.administeredAt));
  return { items: items.slice(-MAX_ADMINISTRATIONS), limited: cursor !== null };
}
