import { type Kysely, sql } from 'kysely';

/**
 * Chat conversations, stored per user so the web app can reopen them. They hold what the person and the assistant
 * said (PHI), so they are owned by one user, never shared, and purged after the retention period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table chat_conversations (
  id text primary key,
  practice_id text not null references practices (id),
  user_id text not null,
  title text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (practice_id, user_id) references users (practice_id, id)
);
create index chat_conversations_owner on chat_conversations (practice_id, user_id, updated_at desc);

create table chat_messages (
  id text primary key,
  conversation_id text not null references chat_conversations (id) on delete cascade,
  role text not null check (role in ('user', 'assistant')),
  parts jsonb not null,
  model text,
  created_at timestamptz not null default now()
);
create index chat_messages_conversation on chat_messages (conversation_id, created_at);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table chat_messages; drop table chat_conversations;`.execute(db);
}
