/**
 * The page's named actions: the header, the welcome, the dialogs and the keyboard all dispatch
 * these. Anything that would replace a session with inputs in it asks first.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import { countOf } from '../../lab/plural.ts';
import type { Scenario } from '../catalogue/scenarios.ts';
import type { ConsoleState } from '../console/console-state.svelte.ts';
import { DEFAULT_OPTIONS, type Sandbox, type SandboxOptions, type Storage } from '../state/sandbox.svelte.ts';
import type { Notices } from './notice.svelte.ts';
import { clearRun, concludeRun, loadRun, saveRun, type Conclusion, type ScenarioRun } from './scenario-run.ts';
import type { ScriptPlayer } from './script-player.svelte.ts';
import { downloadSession, readSessionFile } from './session-file.ts';

export interface PendingReplace {
  readonly what: string;
  readonly run: () => void;
}

export class AppActions {
  /** An action waiting for "replace the current session?". */
  pending: PendingReplace | null = $state(null);
  /** The scenario playing now, if any (its record is in storage until it ends). */
  private active: ScenarioRun | null = null;

  constructor(
    readonly sandbox: Sandbox,
    readonly console: ConsoleState,
    readonly player: ScriptPlayer,
    readonly notices: Notices,
    private readonly storage: Storage | null = null,
  ) {}

  /** Resets to a fresh 3-node cluster in the mode in force, then plays the #2618 script. */
  reproduce2618(): void {
    this.playScenario('labs/scenarios/issue-2618.kvlab', this.sandbox.mode, 'Reproducing #2618 starts a fresh 3-node cluster', { kind: 'issue-2618' });
  }

  /**
   * Plays a scenario (labs/scenarios/) into the console of a fresh cluster in `setting`, input
   * by input, then concludes: one sentence in the transcript (a `#` line) and in a notice.
   * Nothing changes if it cannot load. While it plays, storage says so: a reload resumes it.
   */
  playScenario(file: string, setting: BehaviourMode, what: string, conclusion: Conclusion, options: Partial<Pick<SandboxOptions, 'seed' | 'nodes'>> = {}): void {
    this.replacing(what, async () => {
      const scenario = await this.load(file);
      if (!scenario) return;
      this.startNew({ ...DEFAULT_OPTIONS, mode: setting, nodes: Math.max(scenario.nodes, options.nodes ?? 0), ...(options.seed !== undefined ? { seed: options.seed } : {}) }, false);
      await this.playFrom({ file, setting, conclusion }, scenario, 0);
    });
  }

  /**
   * A scenario a reload interrupted (see scenario-run.ts): plays the rest of it onto the restored
   * session and concludes, with a notice; if the session no longer matches it, says so.
   */
  async resumeInterrupted(): Promise<void> {
    const run = loadRun(this.storage);
    if (!run) return;
    const scenario = await this.load(run.file);
    const ran = this.sandbox.log.map((r) => r.input);
    const name = run.file.split('/').at(-1);
    if (!scenario || this.sandbox.owner || ran.length > scenario.inputs.length || ran.some((input, i) => input !== scenario.inputs[i])) {
      clearRun(this.storage);
      if (scenario) this.notices.show('info', `The ${name} run a reload interrupted could not resume: the session no longer matches it.`);
      return;
    }
    this.notices.show('info', `Resuming ${name} after the reload: ${countOf(ran.length, 'input')} of ${scenario.inputs.length} had run.`);
    await this.playFrom(run, scenario, ran.length);
  }

  private async load(file: string): Promise<Scenario | null> {
    try {
      // The scenario files are loaded on first use; they are not needed to start the console.
      const { loadScenario } = await import('../catalogue/scenarios.ts');
      return await loadScenario(file);
    } catch (e) {
      this.notices.show('error', `Could not play the scenario: ${e instanceof Error ? e.message : String(e)}. Nothing was changed.`);
      return null;
    }
  }

  /** Plays `scenario` from input `from` on, remembered in storage until it ends or stops. */
  private async playFrom(run: ScenarioRun, scenario: Scenario, from: number): Promise<void> {
    this.active = run;
    saveRun(this.storage, run);
    const finished = await this.player.play(run.file, scenario.inputs.slice(from), this.console, from);
    // Another run may have taken over meanwhile (it stopped this one): leave its record alone.
    if (this.active !== run) return;
    const summary = finished ? await concludeRun(run, this.sandbox.transcript) : null;
    if (summary && this.active === run) {
      // In the transcript it stays (and in the log, so export and reload keep it).
      this.sandbox.run(`# ${summary}`);
      this.notices.show('info', summary);
    }
    if (this.active === run) {
      this.active = null;
      clearRun(this.storage);
    }
  }

  /** A fresh default cluster (seed 1, 3 nodes), keeping the behaviour mode. */
  fresh(mode = this.sandbox.mode, announce = true): void {
    this.startNew({ ...DEFAULT_OPTIONS, mode }, announce);
  }

  startNew(options: SandboxOptions, announce = true): void {
    this.stopPlaying();
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

  /** Stops a scenario playing (what ran stays); a reload will not resume it. */
  stopPlaying(): void {
    this.player.stop(this.console);
    if (this.active) clearRun(this.storage);
    this.active = null;
  }

  /**
   * Imports a session file: read and checked first (a bad file changes nothing, a playback
   * included, and the notice says why), then "replace the current session?" as New session asks.
   */
  async importFile(file: File): Promise<void> {
    const result = await readSessionFile(file);
    if (!result.ok) {
      this.notices.show('error', `Could not import ${file.name}: ${result.error}. Nothing was changed.`);
      return;
    }
    this.replacing(`Importing ${file.name} replaces it`, () => {
      this.stopPlaying();
      this.sandbox.restore(result.session);
      this.console.clearedBefore = 0;
      this.notices.show('ok', `Imported ${file.name}: ${countOf(this.sandbox.log.length, 'input')} replayed.`);
    });
  }
}
