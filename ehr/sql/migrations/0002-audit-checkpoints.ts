import { type Kysely, sql } from 'kysely';

/**
 * Signed checkpoints of the audit hash chain (see docs/decisions/0001-audit-hash-chain.md): each row says "the
 * chain's head at seq S is hash H", signed with a key the database does not hold. `seq` deliberately references
 * nothing: a checkpoint must outlive the rows it vouches for, so that a truncated chain is still caught.
 * Append-only, like audit_events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table audit_checkpoints (
  seq bigint primary key,
  hash text not null,
  event_count bigint not null,
  signed_at timestamptz not null,
  key_id text not null,
  algorithm text not null check (algorithm in ('hmac-sha256', 'ed25519')),
  signature text not null
);

-- One refusal for any append-only table; it names the table (charta_audit_append_only, shipped in 0001, names
-- audit_events whatever table it guards).
create function charta_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only (% refused)', tg_table_name, tg_op using errcode = 'P0001', hint = 'charta:append-only';
end
$$;
create trigger audit_checkpoints_no_update before update or delete on audit_checkpoints
  for each row execute function charta_append_only();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
  for each statement execute function charta_append_only();
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists audit_checkpoints;
drop function if exists charta_append_only;
`.execute(db);
}
