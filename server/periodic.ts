import type { Logger } from './logger.ts';

export interface Periodic<T> {
  /** One pass now (also what the timer runs); a call while a pass is running joins it. */
  runOnce(): Promise<T>;
  /** Stops the timer and waits for the pass in flight to end. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `intervalMs` (the first after `firstDelayMs`), never two at once, on an unref'd timer so it never
 * holds the process open. A pass that throws is logged as `<what> failed` and the next interval tries again.
 * `onStop` runs before the wait, to cancel the pass in flight (an AbortController's abort).
 */
export function runPeriodically<T>(
  pass: () => Promise<T>,
  options: { intervalMs: number; firstDelayMs?: number; log: Logger; what: string; onStop?: () => void },
): Periodic<T> {
  let inFlight: Promise<T> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const runOnce = () => {
    inFlight ??= pass().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => options.log.warn({ err: error }, `${options.what} failed; retrying next interval`))
        .finally(() => schedule(options.intervalMs));
    }, delayMs);
    timer.unref();
  };
  schedule(options.firstDelayMs ?? options.intervalMs);
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      options.onStop?.();
      await inFlight?.catch(() => null);
    },
  };
}
