/** Embed test support: settings to a program, and a run driven by a fake ticker (no browser, no real time). */
import { labIds, scenarioIds } from '../../src/embed/catalogue.ts';
import type { Ticker } from '../../src/embed/player.svelte.ts';
import { loadProgram, type Program } from '../../src/embed/program.ts';
import { EmbedRun, type EmbedEventName } from '../../src/embed/run.ts';
import { parseSettings, type AttributeName } from '../../src/embed/settings.ts';

export function programOf(attrs: Partial<Record<AttributeName, string>>, child: string | null = null): Program {
  const parsed = parseSettings((n) => attrs[n] ?? null, child, { scenarios: scenarioIds(), labs: labIds() });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const loaded = loadProgram(parsed.settings);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.program;
}

/** Lets other tasks run (a pause button, a test's checks), as a browser would between frames. */
export const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Real time that only moves when the player waits: delays and 16 ms frames, each one task. */
export class FakeTicker implements Ticker {
  time = 0;
  delays: number[] = [];
  frames = 0;
  async delay(ms: number): Promise<void> {
    this.delays.push(ms);
    this.time += ms;
    await nextTask();
  }
  async frame(): Promise<number> {
    this.frames++;
    this.time += 16;
    await nextTask();
    return this.time;
  }
  now(): number {
    return this.time;
  }
}

export interface Heard {
  readonly name: EmbedEventName;
  readonly detail: Record<string, unknown>;
}

export function startRun(program: Program, speed = 1) {
  const heard: Heard[] = [];
  const ticker = new FakeTicker();
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const run = new EmbedRun(
    program,
    (name, detail) => {
      heard.push({ name, detail });
      if (name === 'kvlab-finished') finish();
    },
    ticker,
    () => speed,
  );
  return { run, heard, ticker, finished, of: (name: EmbedEventName) => heard.filter((h) => h.name === name).map((h) => h.detail) };
}
