import { type Kysely, sql } from 'kysely';

/**
 * Issue 7: risk flags stored for clinician review, and escalation alerts queued for the notification hook (an
 * outbox: tools insert, a delivery job reads pending rows). Unique keys make both idempotent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table risk_flags (
  id text primary key,
  practice_id text not null references practices (id),
  client_id text not null,
  kind text not null check (kind in ('phq9_item9', 'phq9_item9_unknown', 'worsening_trend', 'message_risk')),
  source_id text not null,
  urgency text not null check (urgency in ('emergency', 'urgent', 'routine')),
  evidence jsonb not null,
  recommended_action text not null,
  status text not null default 'pending_review' check (status in ('pending_review', 'reviewed')),
  ai_generated boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now(),
  reviewed_by text,
  reviewed_at timestamptz,
  unique (practice_id, client_id, kind, source_id)
);
create index risk_flags_client on risk_flags (practice_id, client_id, created_at desc);

create table triage_alerts (
  id text primary key,
  practice_id text not null references practices (id),
  client_id text not null,
  message_id text,
  flag_id text references risk_flags (id),
  source_key text not null,
  recipient_id text not null,
  recipient_kind text not null check (recipient_kind in ('primary_clinician', 'on_call')),
  urgency text not null check (urgency in ('emergency', 'urgent')),
  reason_codes jsonb not null,
  delivery text not null default 'pending' check (delivery in ('pending', 'delivered', 'failed')),
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  unique (practice_id, source_key, recipient_id)
);
create index triage_alerts_pending on triage_alerts (practice_id, delivery, created_at);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists triage_alerts;
drop table if exists risk_flags;
`.execute(db);
}
