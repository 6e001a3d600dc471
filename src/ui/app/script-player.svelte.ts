/**
 * Plays a script into the console input by input, so people watch the real commands go in:
 * each command sits in the command line for a moment, then runs. Comments print at once.
 */
import type { ConsoleState } from '../console/console-state.svelte.ts';

export class ScriptPlayer {
  running = $state(false);
  /** What is playing, e.g. labs/scenarios/issue-2618.kvlab. */
  label = $state('');
  done = $state(0);
  total = $state(0);
  private generation = 0;
  private hurry = false;

  constructor(private readonly pauseMs = 260) {}

  /** Plays `inputs`; `already` counts inputs of the same script that ran before (a resumed run). */
  async play(label: string, inputs: readonly string[], console: ConsoleState, already = 0): Promise<boolean> {
    const generation = ++this.generation;
    this.label = label;
    this.running = true;
    this.hurry = false;
    this.done = already;
    this.total = already + inputs.length;
    for (const input of inputs) {
      // Time stands still while a script types: its inputs run at the times the script gives.
      console.sandbox.playing = false;
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
