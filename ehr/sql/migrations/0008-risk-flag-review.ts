import { type Kysely, sql } from 'kysely';

/**
 * Closing a risk flag is a person's act (HumanActions.reviewRiskFlag), and it is final. A review records who, when,
 * a disposition from a closed set and an optional note; the shape CHECK ties the status to those fields both ways, so
 * a pending flag carries no review and a reviewed one a whole one. Trigger `risk_flags_guard` refuses any change to a
 * reviewed flag (it never returns to pending, its review never changes), a review that rewrites what the flag says,
 * and any DELETE: a safety flag stays on record. (TRUNCATE is left to `charta seed --reset`, whose clearAll empties
 * every table at once.) The reviewer is a user of the flag's own practice.
 *
 * Before this migration nothing in charta wrote `reviewed`; a database holding such a row was edited by hand, and
 * the shape CHECK stops the migration there (all of it rolls back) rather than invent a disposition for it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table risk_flags
  add column review_disposition text check (review_disposition in (
    'contacted_client', 'safety_plan_updated', 'emergency_services', 'appointment_moved_sooner', 'no_further_action')),
  add column review_note text check (char_length(review_note) <= 2000);

alter table risk_flags add constraint risk_flags_review_shape check (
     (status = 'reviewed' and reviewed_by is not null and reviewed_at is not null and review_disposition is not null)
  or (status = 'pending_review' and reviewed_by is null and reviewed_at is null and review_disposition is null
      and review_note is null)
);
alter table risk_flags add constraint risk_flags_reviewer
  foreign key (practice_id, reviewed_by) references users (practice_id, id);

create function charta_guard_risk_flag() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'risk flag % cannot be deleted', old.id using errcode = 'P0001', hint = 'charta:immutable';
  end if;
  if old.status = 'reviewed' then
    raise exception 'risk flag % is reviewed; a review is final', old.id using errcode = 'P0001', hint = 'charta:immutable';
  end if;
  if new.status = 'reviewed' and (
       new.id is distinct from old.id
    or new.practice_id is distinct from old.practice_id
    or new.client_id is distinct from old.client_id
    or new.kind is distinct from old.kind
    or new.source_id is distinct from old.source_id
    or new.urgency is distinct from old.urgency
    or new.evidence is distinct from old.evidence
    or new.recommended_action is distinct from old.recommended_action
    or new.ai_generated is distinct from old.ai_generated
    or new.created_by is distinct from old.created_by
    or new.created_at is distinct from old.created_at) then
    raise exception 'a review of risk flag % records the review only, never a change to the flag', old.id using errcode = 'P0001', hint = 'charta:immutable';
  end if;
  return new;
end
$$;
create trigger risk_flags_guard before update or delete on risk_flags
  for each row execute function charta_guard_risk_flag();
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop trigger if exists risk_flags_guard on risk_flags;
drop function if exists charta_guard_risk_flag;
alter table risk_flags drop constraint if exists risk_flags_reviewer;
alter table risk_flags drop constraint if exists risk_flags_review_shape;
alter table risk_flags drop column if exists review_note, drop column if exists review_disposition;
`.execute(db);
}
