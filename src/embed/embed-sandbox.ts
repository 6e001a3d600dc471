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
   * Runs a `.wait` whose virtual time has already passed (played out with `advance`): the wait
   * may not run past now (Session.waitLimit, the limit replays use), so it only prints.
   */
  runWaitPlayed(input: string): RunResult {
    const session = this.session;
    session.waitLimit = session.now();
    try {
      return this.run(input);
    } finally {
      session.waitLimit = Infinity;
    }
  }

  /** The model changed behind the sandbox's back (a lab check read it, maybe letting time pass). */
  touched(): void {
    this.revision++;
  }
}
