import type { ColumnType, Generated, Kysely } from 'kysely';
import { ID_PREFIX, newId } from '../ids.ts';
import type { Database } from './schema.ts';
import { guarded } from './translate-error.ts';

type Json<T> = ColumnType<T, string, string>;

/** The tables of migration 0006, kept beside their only user. */
interface ConversationTables {
  chatConversations: {
    id: string;
    practiceId: string;
    userId: string;
    title: Generated<string>;
    createdAt: Generated<string>;
    updatedAt: Generated<string>;
  };
  chatMessages: {
    id: string;
    conversationId: string;
    role: 'user' | 'assistant';
    parts: Json<unknown>;
    model: string | null;
    createdAt: Generated<string>;
  };
}
type ChatDb = Kysely<Database & ConversationTables>;

export interface Owner {
  practiceId: string;
  userId: string;
}
export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  parts: unknown[];
  model: string | null;
  createdAt: string;
}
export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** Conversations belong to one user: every method takes the owner, and another user's id reads as absent. */
export interface ConversationStore {
  /** Adds messages to the owner's conversation, creating it on first use. False: the id belongs to someone else. */
  append(owner: Owner, conversationId: string, messages: readonly Omit<StoredMessage, 'createdAt'>[]): Promise<boolean>;
  list(owner: Owner, limit?: number): Promise<ConversationSummary[]>;
  messages(owner: Owner, conversationId: string): Promise<StoredMessage[] | null>;
  remove(owner: Owner, conversationId: string): Promise<boolean>;
  /** Deletes conversations not updated since `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

const titleOf = (parts: readonly unknown[]): string => {
  const text = parts
    .map((p) => (p && typeof p === 'object' && 'text' in p && typeof p.text === 'string' ? p.text : ''))
    .join(' ')
    .trim();
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

export function sqlConversationStore(database: Kysely<Database>): ConversationStore {
  const db = database as unknown as ChatDb;
  const owned = (owner: Owner, id: string) =>
    db
      .selectFrom('chatConversations')
      .select(['id', 'userId', 'practiceId'])
      .where('id', '=', id)
      .executeTakeFirst()
      .then((row) => (row ? row.userId === owner.userId && row.practiceId === owner.practiceId : null));

  return {
    append: (owner, conversationId, messages) =>
      guarded(() =>
        db.transaction().execute(async (trx) => {
          const existing = await trx
            .selectFrom('chatConversations')
            .select(['userId', 'practiceId'])
            .where('id', '=', conversationId)
            .forUpdate()
            .executeTakeFirst();
          if (existing && (existing.userId !== owner.userId || existing.practiceId !== owner.practiceId)) return false;
          const now = new Date().toISOString();
          if (!existing) {
            const first = messages.find((m) => m.role === 'user');
            await trx
              .insertInto('chatConversations')
              .values({
                id: conversationId,
                practiceId: owner.practiceId,
                userId: owner.userId,
                title: first ? titleOf(first.parts) : '',
              })
              .onConflict((oc) => oc.column('id').doNothing())
              .execute();
          } else {
            await trx
              .updateTable('chatConversations')
              .set({ updatedAt: now })
              .where('id', '=', conversationId)
              .execute();
          }
          if (messages.length > 0) {
            await trx
              .insertInto('chatMessages')
              .values(
                messages.map((m) => ({
                  id: newId(ID_PREFIX.chatMessage),
                  conversationId,
                  role: m.role,
                  parts: JSON.stringify(m.parts),
                  model: m.model,
                })),
              )
              .onConflict((oc) => oc.column('id').doNothing())
              .execute();
          }
          return true;
        }),
      ),
    list: (owner, limit = 50) =>
      guarded(() =>
        db
          .selectFrom('chatConversations')
          .select(['id', 'title', 'createdAt', 'updatedAt'])
          .where('practiceId', '=', owner.practiceId)
          .where('userId', '=', owner.userId)
          .orderBy('updatedAt', 'desc')
          .limit(Math.min(Math.max(limit, 1), 200))
          .execute(),
      ),
    messages: (owner, conversationId) =>
      guarded(async () => {
        if ((await owned(owner, conversationId)) !== true) return null;
        const rows = await db
          .selectFrom('chatMessages')
          .select(['id', 'role', 'parts', 'model', 'createdAt'])
          .where('conversationId', '=', conversationId)
          .orderBy('createdAt')
          .orderBy('id')
          .execute();
        return rows.map((r) => ({ ...r, parts: Array.isArray(r.parts) ? r.parts : [] }));
      }),
    remove: (owner, conversationId) =>
      guarded(async () => {
        const result = await db
          .deleteFrom('chatConversations')
          .where('id', '=', conversationId)
          .where('practiceId', '=', owner.practiceId)
          .where('userId', '=', owner.userId)
          .executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      }),
    purge: (before) =>
      guarded(async () => {
        const result = await db
          .deleteFrom('chatConversations')
          .where('updatedAt', '<', before.toISOString())
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}
