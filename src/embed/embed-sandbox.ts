/**
 * The sandbox state of one element: the page's Sandbox (no storage: an embed saves nothing) that
 * also reports each input it ran, whoever typed or played it, and can finish a `.wait` whose time
 * has already been played out frame by frame.
 */
import type { RunResult } from '../lab/session.ts';
import { Sandbox, type SandboxOptions } from '../ui/state/sandbox.svelte.ts';

export class EmbedSandbox extends Sandbox {
  /** Called after every input, with the result the transcript shows. */
  onRun: ((result: RunResult) => void) | null = null;

  constructor(options: SandboxOptions) {
    super(null, options);
  }

  override run(input: string): RunResult {
    const result = super.run(input);
    this.onRun?.(result);
    return result;
  }

  /**
   * Runs a `.wait` that began at `from` and whose virtual time has already been played out (with
   * `advance`): it may not run past now (Session.waitLimit, the limit replays use), so it only
   * prints. Its result carries `from`, the time it was typed at, as a `.wait` run at once would.
   */
  runWaitPlayed(input: string, from: number): RunResult {
    const session = this.session;
    session.waitLimit = session.now();
    let result: RunResult;
    try {
      result = { ...super.run(input), at: from };
    } finally {
      session.waitLimit = Infinity;
    }
    this.transcript = [...this.transcript.slice(0, -1), result];
    this.onRun?.(result);
    return result;
  }

  /** The model changed behind the sandbox's back (a lab check read it, maybe letting time pass). */
  touched(): void {
    this.revision++;
  }
}
