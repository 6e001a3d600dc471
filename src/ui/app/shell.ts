/** Everything the page holds, built once at start-up (main.ts) and handed to the App. */
import { ConsoleState } from '../console/console-state.svelte.ts';
import { LabRequests } from '../labs/lab-request.svelte.ts';
import type { Sandbox, Storage } from '../state/sandbox.svelte.ts';
import { AppActions } from './actions.svelte.ts';
import { Notices } from './notice.svelte.ts';
import { ScriptPlayer } from './script-player.svelte.ts';
import { Theme } from './theme.svelte.ts';

export class Shell {
  readonly theme: Theme;
  readonly console: ConsoleState;
  readonly player = new ScriptPlayer();
  readonly notices = new Notices();
  /** A guided lab to open in the Labs tab (the catalogue page asks; the tab takes it). */
  readonly labRequests = new LabRequests();
  readonly actions: AppActions;

  constructor(
    readonly sandbox: Sandbox,
    readonly storage: Storage | null,
  ) {
    this.theme = new Theme(storage);
    this.console = new ConsoleState(sandbox, storage);
    this.actions = new AppActions(sandbox, this.console, this.player, this.notices, storage);
  }
}
