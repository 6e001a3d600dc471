/**
 * The play loop: while `sandbox.playing`, each animation frame advances virtual time by the real
 * time since the last frame times the speed. A frame's real time is capped, so a background tab
 * or a slow frame never makes time leap; virtual time moves in whole milliseconds.
 */
import type { Sandbox } from '../state/sandbox.svelte.ts';

/** The most real time one frame may account for. */
export const MAX_FRAME_MS = 100;
/** How often (real time) a playing session is saved. */
const SAVE_EVERY_MS = 1000;

/** Virtual milliseconds for one frame, carrying the fraction to the next. */
export function frameAdvance(realMs: number, speed: number, carry: number): { ms: number; carry: number } {
  const exact = Math.min(Math.max(0, realMs), MAX_FRAME_MS) * speed + carry;
  const ms = Math.floor(exact);
  return { ms, carry: exact - ms };
}

/** Call during component setup: runs the loop in an effect that stops when playing stops. */
export function usePlayLoop(getSandbox: () => Sandbox): void {
  $effect(() => {
    const sandbox = getSandbox();
    if (!sandbox.playing) return;
    let last = performance.now();
    let lastSave = last;
    let carry = 0;
    let id = requestAnimationFrame(function frame(t: number) {
      const step = frameAdvance(t - last, sandbox.speed, carry);
      last = t;
      carry = step.carry;
      sandbox.advance(step.ms);
      if (t - lastSave > SAVE_EVERY_MS) {
        sandbox.flush();
        lastSave = t;
      }
      id = requestAnimationFrame(frame);
    });
    return () => {
      cancelAnimationFrame(id);
      sandbox.flush();
    };
  });
}
