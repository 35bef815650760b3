import { type Kysely, sql } from 'kysely';

/**
 * The model-triage job (ehr/sql/model-triage.ts) reads the oldest patient messages no model has read yet, every
 * minute while a model is configured. A partial index over exactly those rows keeps that read small however long the
 * inbox's history grows; a message leaves the index once it is triaged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index inbox_messages_untriaged on inbox_messages (received_at, id)
  where triaged_at is null and sender_kind in ('client', 'guardian');
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index inbox_messages_untriaged;`.execute(db);
}
