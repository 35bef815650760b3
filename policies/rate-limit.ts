/**
 * A per-principal token bucket: each caller may make `perMinute` tool calls a minute, in bursts of up to that many.
 * Keyed by practice and user, so one person's runaway client (or a looping model) cannot starve the others, and the
 * same budget covers every surface. In memory, per process: a deployment with several processes multiplies it.
 */
export interface RateLimiter {
  /** Takes one token for this key, or says how many seconds until one is available. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export interface RateLimitOptions {
  perMinute: number;
  /** Milliseconds since some epoch; injectable so tests control time. */
  now?: () => number;
  /** Most buckets held at once; the stalest are dropped first (a dropped bucket was full or nearly so). */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  if (!Number.isFinite(options.perMinute) || options.perMinute <= 0) {
    throw new Error('a rate limit needs a positive number of calls per minute');
  }
  const capacity = options.perMinute;
  const perMs = options.perMinute / 60_000;
  const now = options.now ?? (() => performance.now());
  const maxKeys = options.maxKeys ?? 10_000;
  // A Map iterates in insertion order; re-inserting on use keeps the least recently used first.
  const buckets = new Map<string, Bucket>();

  return {
    take(key) {
      const t = now();
      const previous = buckets.get(key);
      const bucket: Bucket = previous
        ? { tokens: Math.min(capacity, previous.tokens + (t - previous.at) * perMs), at: t }
        : { tokens: capacity, at: t };
      buckets.delete(key);
      if (buckets.size >= maxKeys) {
        const stalest = buckets.keys().next().value;
        if (stalest !== undefined) buckets.delete(stalest);
      }
      if (bucket.tokens < 1) {
        buckets.set(key, bucket);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
      }
      bucket.tokens -= 1;
      buckets.set(key, bucket);
      return { ok: true };
    },
  };
}
