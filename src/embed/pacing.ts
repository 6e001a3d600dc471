/**
 * How an autoplaying embed paces a script, as pure functions of the cue and the speed. A command
 * sits in the command line for a moment before it runs; a `.wait` lets virtual time visibly flow
 * (faster than real time, so a 10 s wait takes about a second and a half); a lab's checks stay
 * on screen a moment before the next step. `speed` divides every pause.
 */
import { parseDuration } from '../lab/duration.ts';

export const PACE = {
  /** A command shown in the command line before it runs. */
  typeMs: 450,
  /** Checks shown before the next step begins. */
  checksMs: 900,
  /** A wait plays this many times faster than real time... */
  waitRate: 4,
  /** ...but never shorter or longer than this (real ms at speed 1). */
  waitMinMs: 250,
  waitMaxMs: 1500,
} as const;

/** The virtual milliseconds of a well-formed `.wait` input, else null. */
export function waitMs(input: string): number | null {
  const match = /^\s*\.wait\s+(\S+)\s*$/i.exec(input);
  if (!match) return null;
  const d = parseDuration(match[1]!);
  return d.ok ? d.ms : null;
}

export const isComment = (input: string) => input.trim() === '' || input.trim().startsWith('#');

/** Real milliseconds the cue is shown for before (or, for a wait, while) it runs. */
export function pauseFor(input: string, speed: number): number {
  if (isComment(input)) return 0;
  const wait = waitMs(input);
  const ms = wait === null ? PACE.typeMs : Math.min(PACE.waitMaxMs, Math.max(PACE.waitMinMs, wait / PACE.waitRate));
  return ms / speed;
}
