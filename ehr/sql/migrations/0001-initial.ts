import { type Kysely, sql } from 'kysely';

/**
 * The EHR data model. Every row carries practice_id, and references between tenant tables are composite
 * (practice_id, id) foreign keys, so a row can never point at another practice's record, whatever the code does.
 * Plain SQL on purpose: it runs unchanged on PGlite (PostgreSQL 18) and on PostgreSQL 15+.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table practices (
  id text primary key,
  name text not null,
  slug text not null unique,
  timezone text not null,
  npi text,
  phone text,
  address jsonb,
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table users (
  id text primary key,
  practice_id text not null references practices (id),
  username text not null unique,
  email text not null,
  display_name text not null,
  role text not null check (role in ('clinician', 'supervisor', 'front_desk', 'biller', 'practice_admin')),
  credentials text,
  npi text,
  is_prescriber boolean not null default false,
  on_call boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (practice_id, id)
);

create table supervision_links (
  practice_id text not null,
  supervisor_id text not null,
  supervisee_id text not null,
  started_on date not null,
  ended_on date,
  primary key (practice_id, supervisor_id, supervisee_id),
  foreign key (practice_id, supervisor_id) references users (practice_id, id),
  foreign key (practice_id, supervisee_id) references users (practice_id, id),
  check (supervisor_id <> supervisee_id)
);

create table clients (
  id text primary key,
  practice_id text not null references practices (id),
  mrn text not null,
  first_name text not null,
  last_name text not null,
  preferred_name text,
  date_of_birth date not null,
  sex_at_birth text,
  gender_identity text,
  pronouns text,
  email text,
  phone text,
  address jsonb,
  preferred_language text not null default 'en',
  interpreter_needed boolean not null default false,
  is_minor boolean not null default false,
  guardian jsonb,
  insurance jsonb,
  part2 boolean not null default false,
  status text not null default 'active' check (status in ('active', 'inactive', 'discharged')),
  created_at timestamptz not null default now(),
  unique (practice_id, id),
  unique (practice_id, mrn),
  check (not is_minor or guardian is not null)
);

create table client_relationships (
  practice_id text not null,
  client_id text not null,
  related_client_id text not null,
  relationship text not null check (relationship in ('partner', 'parent', 'child', 'sibling', 'family_member')),
  primary key (practice_id, client_id, related_client_id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, related_client_id) references clients (practice_id, id),
  check (client_id <> related_client_id)
);

create table client_diagnoses (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  code text not null,
  description text not null,
  rank integer not null check (rank >= 1),
  status text not null default 'active' check (status in ('active', 'resolved', 'ruled_out')),
  onset_on date,
  recorded_by text,
  recorded_at timestamptz not null default now(),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, recorded_by) references users (practice_id, id)
);

create table caseload_assignments (
  practice_id text not null,
  client_id text not null,
  clinician_id text not null,
  role text not null default 'primary' check (role in ('primary', 'secondary')),
  started_on date not null,
  ended_on date,
  primary key (practice_id, client_id, clinician_id, started_on),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, clinician_id) references users (practice_id, id),
  check (ended_on is null or ended_on >= started_on)
);

create table consents (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  kind text not null check (kind in ('ai_documentation', 'session_recording', 'part2_disclosure')),
  purpose text,
  recipient text,
  scope text,
  granted_by text not null check (granted_by in ('client', 'guardian')),
  granted_at timestamptz not null,
  expires_at timestamptz,
  revoked_at timestamptz,
  revoked_by text,
  revocation_reason text,
  recorded_by text not null,
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, recorded_by) references users (practice_id, id),
  foreign key (practice_id, revoked_by) references users (practice_id, id),
  check (kind <> 'part2_disclosure' or (purpose is not null and recipient is not null)),
  check (expires_at is null or expires_at > granted_at),
  check ((revoked_at is null) = (revoked_by is null)),
  check (revoked_at is null or revoked_at >= granted_at)
);

create table appointments (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  clinician_id text not null,
  service_type text not null check (service_type in ('intake_evaluation', 'psychiatric_evaluation',
    'individual_therapy', 'family_therapy', 'couples_therapy', 'group_therapy', 'crisis', 'medication_management')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  modality text not null check (modality in ('telehealth', 'in_person')),
  telehealth_mode text check (telehealth_mode in ('audio_video', 'audio_only')),
  place_of_service text not null,
  status text not null check (status in ('scheduled', 'completed', 'cancelled', 'no_show', 'late_cancelled')),
  participants jsonb not null default '[]',
  location text,
  cancel_reason text,
  created_at timestamptz not null default now(),
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, clinician_id) references users (practice_id, id),
  check (ends_at > starts_at),
  check ((modality = 'telehealth') = (telehealth_mode is not null))
);
create index appointments_clinician_time on appointments (practice_id, clinician_id, starts_at);
create index appointments_client_time on appointments (practice_id, client_id, starts_at);

create table transcripts (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  appointment_id text,
  kind text not null check (kind in ('transcript', 'dictation')),
  source text not null check (source in ('ambient_recording', 'upload', 'dictation')),
  language text not null default 'en',
  segments jsonb not null,
  text text not null,
  word_count integer not null check (word_count >= 0),
  created_by text,
  created_at timestamptz not null default now(),
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, appointment_id) references appointments (practice_id, id),
  foreign key (practice_id, created_by) references users (practice_id, id)
);
create index transcripts_appointment on transcripts (practice_id, appointment_id);

create table notes (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  appointment_id text,
  transcript_id text,
  author_id text not null,
  kind text not null check (kind in ('progress', 'intake', 'psychotherapy')),
  format text not null check (format in ('SOAP', 'DAP', 'BIRP', 'GIRP', 'narrative')),
  sections jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'signed', 'locked')),
  ai_generated boolean not null default false,
  provenance jsonb,
  signed_by text,
  signed_at timestamptz,
  locked_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, appointment_id) references appointments (practice_id, id),
  foreign key (practice_id, transcript_id) references transcripts (practice_id, id),
  foreign key (practice_id, author_id) references users (practice_id, id),
  foreign key (practice_id, signed_by) references users (practice_id, id),
  check (status = 'draft' or (signed_by is not null and signed_at is not null)),
  check (status <> 'locked' or locked_at is not null),
  check (not ai_generated or provenance is not null)
);
create index notes_client on notes (practice_id, client_id, created_at);
create index notes_appointment on notes (practice_id, appointment_id);

-- A signed note is a legal record: its content never changes, it never goes back to draft, and it is never
-- deleted. A locked note does not change at all. The rule lives here so that no code path can forget it.
create function charta_guard_note() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.status <> 'draft' then
      raise exception 'note % is %, and signed notes cannot be deleted', old.id, old.status
        using errcode = 'P0001', hint = 'charta:immutable';
    end if;
    return old;
  end if;
  if old.status = 'locked' then
    raise exception 'note % is locked and cannot change', old.id using errcode = 'P0001', hint = 'charta:immutable';
  end if;
  if old.status = 'signed' and (
       new.status = 'draft'
    or new.sections is distinct from old.sections
    or new.client_id is distinct from old.client_id
    or new.appointment_id is distinct from old.appointment_id
    or new.author_id is distinct from old.author_id
    or new.kind is distinct from old.kind
    or new.format is distinct from old.format
    or new.signed_by is distinct from old.signed_by
    or new.signed_at is distinct from old.signed_at
    or new.provenance is distinct from old.provenance) then
    raise exception 'note % is signed; only locking is allowed', old.id using errcode = 'P0001', hint = 'charta:immutable';
  end if;
  return new;
end
$$;
create trigger notes_guard before update or delete on notes for each row execute function charta_guard_note();

create table assessments (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  appointment_id text,
  instrument text not null check (instrument in ('PHQ-9', 'GAD-7')),
  item_responses jsonb not null,
  total integer not null check (total >= 0),
  severity text not null,
  functional_difficulty text,
  administered_at timestamptz not null,
  source text not null check (source in ('portal', 'in_session', 'paper')),
  administered_by text,
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, appointment_id) references appointments (practice_id, id),
  foreign key (practice_id, administered_by) references users (practice_id, id)
);
create index assessments_client on assessments (practice_id, client_id, instrument, administered_at);

create table inbox_threads (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  subject text not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  assigned_to text,
  created_at timestamptz not null,
  last_message_at timestamptz not null,
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, assigned_to) references users (practice_id, id)
);
create index inbox_threads_recent on inbox_threads (practice_id, last_message_at);

create table inbox_messages (
  id text primary key,
  practice_id text not null,
  thread_id text not null,
  client_id text not null,
  sender_kind text not null check (sender_kind in ('client', 'guardian', 'staff')),
  sender_user_id text,
  sender_display text not null,
  body text not null,
  language text not null default 'en',
  received_at timestamptz not null,
  read_at timestamptz,
  triage_urgency text check (triage_urgency in ('emergency', 'urgent', 'routine')),
  triage_categories jsonb,
  triage_reasons jsonb,
  triage_source text,
  triaged_at timestamptz,
  pinned boolean not null default false,
  unique (practice_id, id),
  foreign key (practice_id, thread_id) references inbox_threads (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, sender_user_id) references users (practice_id, id),
  check ((sender_kind = 'staff') = (sender_user_id is not null))
);
create index inbox_messages_thread on inbox_messages (practice_id, thread_id, received_at);
create index inbox_messages_received on inbox_messages (practice_id, received_at);

create table reply_drafts (
  id text primary key,
  practice_id text not null,
  thread_id text not null,
  message_id text,
  client_id text not null,
  author_id text not null,
  body text not null,
  status text not null default 'draft' check (status in ('draft', 'sent', 'discarded')),
  ai_generated boolean not null default false,
  provenance jsonb,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_by text,
  sent_at timestamptz,
  sent_message_id text,
  unique (practice_id, id),
  foreign key (practice_id, thread_id) references inbox_threads (practice_id, id),
  foreign key (practice_id, message_id) references inbox_messages (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, author_id) references users (practice_id, id),
  foreign key (practice_id, sent_by) references users (practice_id, id),
  foreign key (practice_id, sent_message_id) references inbox_messages (practice_id, id),
  check (status <> 'sent' or (sent_by is not null and sent_at is not null and sent_message_id is not null)),
  check (not ai_generated or provenance is not null)
);
create index reply_drafts_thread on reply_drafts (practice_id, thread_id);

create table treatment_plans (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  author_id text not null,
  status text not null default 'draft' check (status in ('draft', 'active', 'completed', 'superseded')),
  problems jsonb not null,
  effective_on date,
  review_due_on date,
  ai_generated boolean not null default false,
  provenance jsonb,
  signed_by text,
  signed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, author_id) references users (practice_id, id),
  foreign key (practice_id, signed_by) references users (practice_id, id),
  check (status = 'draft' or (signed_by is not null and signed_at is not null)),
  check (not ai_generated or provenance is not null)
);
create index treatment_plans_client on treatment_plans (practice_id, client_id);

create table intake_submissions (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  submitted_at timestamptz not null,
  answers jsonb not null,
  proposed_update jsonb,
  status text not null default 'received' check (status in ('received', 'draft_ready', 'applied', 'rejected')),
  ai_generated boolean not null default false,
  provenance jsonb,
  drafted_at timestamptz,
  applied_by text,
  applied_at timestamptz,
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, applied_by) references users (practice_id, id),
  check (status <> 'applied' or (applied_by is not null and applied_at is not null))
);

create table claims (
  id text primary key,
  practice_id text not null,
  client_id text not null,
  appointment_id text,
  rendering_provider_id text not null,
  payer text not null,
  payer_id text,
  member_id text,
  date_of_service date not null,
  diagnosis_codes jsonb not null,
  place_of_service text not null,
  status text not null default 'draft'
    check (status in ('draft', 'ready', 'submitted', 'accepted', 'rejected', 'denied', 'paid')),
  total_charge_cents integer not null check (total_charge_cents >= 0),
  denial_reason text,
  submitted_by text,
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (practice_id, id),
  foreign key (practice_id, client_id) references clients (practice_id, id),
  foreign key (practice_id, appointment_id) references appointments (practice_id, id),
  foreign key (practice_id, rendering_provider_id) references users (practice_id, id),
  foreign key (practice_id, submitted_by) references users (practice_id, id),
  check (status in ('draft', 'ready') or (submitted_by is not null and submitted_at is not null))
);
create index claims_client on claims (practice_id, client_id, date_of_service);
create index claims_status on claims (practice_id, status);

create table claim_lines (
  id text primary key,
  practice_id text not null,
  claim_id text not null,
  line_number integer not null check (line_number between 1 and 50),
  cpt text not null,
  modifiers jsonb not null default '[]',
  units integer not null check (units > 0),
  minutes integer check (minutes > 0),
  place_of_service text not null,
  diagnosis_pointers jsonb not null default '[]',
  charge_cents integer not null check (charge_cents >= 0),
  date_of_service date not null,
  unique (claim_id, line_number),
  foreign key (practice_id, claim_id) references claims (practice_id, id)
);

-- The audit trail: one row per tool call, human action and webhook. Rows are append-only: updates, deletes and
-- truncation are refused by the database itself; hash chaining comes with the audit writer.
create table audit_events (
  seq bigint generated always as identity primary key,
  id text not null unique,
  practice_id text references practices (id),
  occurred_at timestamptz not null,
  actor_id text,
  actor_role text,
  surface text not null check (surface in ('chat', 'mcp', 'webhook', 'review', 'cli', 'system')),
  client_app text,
  action text not null,
  decision text not null check (decision in ('allow', 'deny', 'error')),
  reason_code text,
  record_ids jsonb not null default '[]',
  input_digest text,
  output_digest text,
  latency_ms integer,
  trace_id text,
  prev_hash text,
  hash text not null
);
create index audit_events_practice on audit_events (practice_id, seq);

create function charta_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'P0001', hint = 'charta:append-only';
end
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function charta_audit_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function charta_audit_append_only();

create table webhook_events (
  id text primary key,
  practice_id text not null references practices (id),
  source text not null,
  event_id text not null,
  event_type text not null,
  received_at timestamptz not null,
  payload jsonb not null,
  signature_verified boolean not null,
  status text not null default 'received' check (status in ('received', 'processed', 'failed', 'ignored')),
  attempts integer not null default 0,
  processed_at timestamptz,
  error text,
  unique (practice_id, source, event_id)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists webhook_events, audit_events, claim_lines, claims, intake_submissions, treatment_plans,
  reply_drafts, inbox_messages, inbox_threads, assessments, notes, transcripts, appointments, consents,
  caseload_assignments, client_diagnoses, client_relationships, clients, supervision_links, users, practices;
drop function if exists charta_guard_note, charta_audit_append_only;
`.execute(db);
}
