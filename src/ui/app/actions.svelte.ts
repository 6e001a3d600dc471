/**
 * The page's named actions: the header, the welcome, the dialogs and the keyboard all dispatch
 * these. Anything that would replace a session with inputs in it asks first.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import type { RunResult } from '../../lab/session.ts';
import type { Scenario } from '../catalogue/scenarios.ts';
import type { ConsoleState } from '../console/console-state.svelte.ts';
import { DEFAULT_OPTIONS, type Sandbox, type SandboxOptions } from '../state/sandbox.svelte.ts';
import type { Notices } from './notice.svelte.ts';
import type { ScriptPlayer } from './script-player.svelte.ts';
import { downloadSession, importSession } from './session-file.ts';

export interface PendingReplace {
  readonly what: string;
  readonly run: () => void;
}

export class AppActions {
  /** An action waiting for "replace the current session?". */
  pending: PendingReplace | null = $state(null);

  constructor(
    readonly sandbox: Sandbox,
    readonly console: ConsoleState,
    readonly player: ScriptPlayer,
    readonly notices: Notices,
  ) {}

  /** Resets to a fresh 3-node cluster in the mode in force, then plays the #2618 script. */
  reproduce2618(): void {
    const setting = this.sandbox.mode;
    this.playScenario('labs/scenarios/issue-2618.kvlab', setting, 'Reproducing #2618 starts a fresh 3-node cluster', async (transcript) => {
      // The summary is loaded on first use; it is not needed to start the console.
      const { summarise2618 } = await import('./issue-2618.ts');
      return summarise2618(transcript);
    });
  }

  /**
   * Plays a scenario (labs/scenarios/) into the console of a fresh cluster in `setting`, input
   * by input, then shows what `summarise` says of the run. Nothing changes if it cannot load.
   */
  playScenario(
    file: string,
    setting: BehaviourMode,
    what: string,
    summarise: (transcript: readonly RunResult[]) => Promise<string | null> | string | null,
    options: Partial<Pick<SandboxOptions, 'seed' | 'nodes'>> = {},
  ): void {
    this.replacing(what, async () => {
      let scenario: Scenario;
      try {
        // The scenario files are loaded on first use; they are not needed to start the console.
        const { loadScenario } = await import('../catalogue/scenarios.ts');
        scenario = await loadScenario(file);
      } catch (e) {
        this.notices.show('error', `Could not play the scenario: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
        return;
      }
      this.startNew({ ...DEFAULT_OPTIONS, mode: setting, nodes: Math.max(scenario.nodes, options.nodes ?? 0), ...(options.seed !== undefined ? { seed: options.seed } : {}) }, false);
      const finished = await this.player.play(file, scenario.inputs, this.console);
      const summary = finished ? await summarise(this.sandbox.transcript) : null;
      if (summary) this.notices.show('info', summary);
    });
  }

  /** A fresh default cluster (seed 1, 3 nodes), keeping the behaviour mode. */
  fresh(mode = this.sandbox.mode, announce = true): void {
    this.startNew({ ...DEFAULT_OPTIONS, mode }, announce);
  }

  startNew(options: SandboxOptions, announce = true): void {
    this.player.stop(this.console);
    this.sandbox.reset(options);
    this.console.clearedBefore = 0;
    if (announce) this.notices.show('ok', `New session: ${options.nodes} fresh node${options.nodes === 1 ? '' : 's'}, seed ${options.seed}, ${options.mode} mode.`);
  }

  /** Asks first when the session has inputs a reset would lose. */
  replacing(what: string, run: () => void): void {
    if (this.sandbox.log.length === 0) run();
    else this.pending = { what, run };
  }

  confirm(): void {
    const pending = this.pending;
    this.pending = null;
    pending?.run();
  }

  exportSession(): void {
    const name = downloadSession(this.sandbox);
    this.notices.show('ok', `Exported the session as ${name}.`);
  }

  async importFile(file: File): Promise<void> {
    this.player.stop(this.console);
    const result = await importSession(this.sandbox, file);
    if (result.ok) {
      this.console.clearedBefore = 0;
      this.notices.show('ok', `Imported ${file.name}: ${this.sandbox.log.length} inputs replayed.`);
    } else {
      this.notices.show('error', `Could not import ${file.name}: ${result.error}. Nothing was changed.`);
    }
  }
}
