import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** RFC 9457 problem details: the one error shape every HTTP route returns. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://charta.dev/problems/';

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  slug: string,
  title: string,
  extra: Omit<Partial<Problem>, 'status' | 'type' | 'title'> = {},
) {
  const body: Problem = { type: `${PROBLEM_BASE}${slug}`, title, status, ...extra };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}
