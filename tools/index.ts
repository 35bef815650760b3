import type { AnyTool } from './define.ts';
import { getClient } from './get-client.ts';
import { getNote } from './get-note.ts';
import { listAppointments } from './list-appointments.ts';
import { listNotes } from './list-notes.ts';
import { searchClients } from './search-clients.ts';

/** The registry: every tool charta offers, to every surface. No tool name is written anywhere else. */
export const allTools: readonly AnyTool[] = [getClient, searchClients, listAppointments, listNotes, getNote];
