/**
 * Plays a script into the console input by input, so people watch the real commands go in:
 * each command sits in the command line for a moment, then runs. Comments print at once.
 */
import type { ConsoleState } from '../console/console-state.svelte.ts';

export class ScriptPlayer {
  running = $state(false);
  done = $state(0);
  total = $state(0);
  private generation = 0;
  private hurry = false;

  constructor(private readonly pauseMs = 260) {}

  async play(inputs: readonly string[], console: ConsoleState): Promise<boolean> {
    const generation = ++this.generation;
    this.running = true;
    this.hurry = false;
    this.done = 0;
    this.total = inputs.length;
    for (const input of inputs) {
      const comment = input.trim().startsWith('#');
      if (!comment && !this.hurry) {
        console.draft = input;
        await sleep(this.pauseMs);
        if (generation !== this.generation) return false;
      }
      console.runScripted(input);
      this.done++;
    }
    this.running = false;
    return true;
  }

  /** Runs the rest without pausing. */
  finish(): void {
    this.hurry = true;
  }

  /** Stops where it is: what already ran stays in the session. */
  stop(console: ConsoleState): void {
    this.generation++;
    this.running = false;
    console.draft = '';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
