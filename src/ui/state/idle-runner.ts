/** Runs checkpoint building (lab/checkpoints.ts) in the page's idle time, a few milliseconds at a time. */
import type { IdleRunner } from './sandbox.svelte.ts';

const later = (fn: (deadline?: IdleDeadline) => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn) : setTimeout(fn, 16));

/** One loop at a time: newer work replaces what was waiting. */
let current: (() => boolean) | null = null;

function slice(deadline?: IdleDeadline): void {
  const until = performance.now() + Math.min(8, deadline?.timeRemaining() ?? 8);
  while (current && performance.now() < until) if (!current()) current = null;
  if (current) later(slice);
}

export const browserIdleRunner: IdleRunner = (work) => {
  const idle = current === null;
  current = work;
  if (idle) later(slice);
};
