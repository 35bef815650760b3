import { type Kysely, sql } from 'kysely';

/**
 * query_audit answers "who touched this record?" with jsonb containment on record_ids; without an index that is a
 * scan of the whole trail, which grows by every tool call. A GIN index (jsonb_path_ops: containment only, smaller)
 * makes the access report an index lookup. Listing by practice newest first already has audit_events_practice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index audit_events_record_ids on audit_events using gin (record_ids jsonb_path_ops);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index audit_events_record_ids;`.execute(db);
}
