import { type Kysely, sql } from 'kysely';

/**
 * Coding and claims: drafted documents (prior-authorization packets, written by tools as drafts only), where a
 * claim's codes came from (typed by a person, or taken from a code suggestion), and the human approvals such codes
 * need before the claim can be submitted. Approvals are append-only: a changed claim needs a new one, matched by
 * the digest of the codes it approved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table draft_documents (
  id text primary key,
  practice_id text not null references practices (id),
  client_id text not null references clients (id),
  author_id text not null references users (id),
  kind text not null check (kind in ('prior_auth_packet')),
  title text not null,
  body jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'final', 'discarded')),
  ai_generated boolean not null default true,
  provenance jsonb,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index draft_documents_client on draft_documents (practice_id, client_id, created_at);

alter table claims add column code_source text not null default 'manual' check (code_source in ('manual', 'suggestion'));

create table claim_code_approvals (
  id text primary key,
  practice_id text not null references practices (id),
  claim_id text not null references claims (id),
  approved_by text not null references users (id),
  approved_at timestamptz not null default now(),
  codes_digest text not null,
  note text
);
create index claim_code_approvals_claim on claim_code_approvals (practice_id, claim_id);
create trigger claim_code_approvals_no_update before update or delete on claim_code_approvals
  for each row execute function charta_append_only();
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists claim_code_approvals;
alter table claims drop column if exists code_source;
drop table if exists draft_documents;
`.execute(db);
}
