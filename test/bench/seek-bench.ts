/**
 * Issue 11 point 5: seeking in a session one virtual hour long, 500 nodes and 3 nodes
 * (test/support/hour-sessions.ts), to 10 random moments, to the end and to t=0+.
 */
import { Rng } from '../../src/engine/rng.ts';
import type { InputRecord } from '../../src/engine/history.ts';
import type { SessionOptions } from '../../src/lab/session.ts';
import { Checkpoints } from '../../src/lab/checkpoints.ts';
import { freshSession, pendingWaitResult, replay, waitResult } from '../../src/ui/state/replay.ts';
import { fiveHundredNodeHour, threeNodeHour, type BuiltSession } from '../support/hour-sessions.ts';
import { fmt, median, time } from './stats.ts';

/** Today's seek (Sandbox.adopt): the log replayed from t=0, and a second replay for a wait under way. */
function seekByReplay(options: SessionOptions, log: readonly InputRecord<string>[], t: number): void {
  const played = replay(options, log, t);
  if (played.midWait) waitResult(options, log, played.applied);
}

/** The seek targets: 10 moments drawn from a fixed seed, then the end, then t=0+ (1 ms). */
function targets(end: number): { random: number[]; end: number; start: number } {
  const rng = new Rng('seek-bench');
  return { random: Array.from({ length: 10 }, () => rng.int(1, end)), end, start: 1 };
}

function figures(label: string, built: BuiltSession, seek: (t: number) => void, refill: () => void = () => {}): string {
  const timed = (t: number) => {
    refill();
    return time(() => seek(t)).ms;
  };
  const { random, end, start } = targets(built.end);
  const at = (t: number) => median([0, 1, 2].map(() => timed(t)));
  const randomMs = median(random.map(timed));
  return `${label}: median of 10 random moments ${fmt(randomMs)}, the end ${fmt(at(end))}, t=0+ ${fmt(at(start))}`;
}

export function seekBench(): string[] {
  const out: string[] = [];
  for (const [name, build, target] of [
    ['500 nodes, 1 virtual hour', fiveHundredNodeHour, 200],
    ['3 nodes, #2618 then 1 virtual hour', threeNodeHour, 50],
  ] as const) {
    const built = build();
    out.push(`${name} (${built.log.length.toLocaleString('en-US')} inputs; target < ${target} ms)`);
    out.push(`  ${figures('replay from t=0 (seek until now)', built, (t) => seekByReplay(built.options, built.log, t))}`);
    // Capacity as the page would give it: about 3,000 nodes' worth of parked worlds.
    const store = new Checkpoints(() => freshSession(built.options), { capacity: Math.min(16, Math.floor(3000 / built.options.nodes)) });
    // Refilled before each seek (the page does it in idle time); only the seek is timed.
    const fill = time(() => {
      while (store.build(built.log));
    });
    const built0 = store.size;
    out.push(`  ${figures('from the nearest checkpoint', built, (t) => {
      const played = store.seek(built.log, t);
      if (played.midWait) pendingWaitResult(played.session, built.log[played.applied]!);
    }, () => {
      while (store.build(built.log));
    })}`);
    out.push(`  building ${built0} checkpoints from nothing: ${fmt(fill.ms)} (idle-time work)`);
  }
  return out;
}
