/**
 * Opening the sandbox from a link (`#scenario=issue-2618&mode=fixed&seed=1`, as an embed's
 * "Open in Cluster Lab" writes it; format in lab/link.ts): a scenario plays into a fresh session,
 * a lab opens in the Labs tab, a script plays. The session in the page is replaced only after the
 * usual question; a bad link is named in a notice and changes nothing. The fragment is taken off
 * the address once read, so a reload does not open it again.
 */
import { isPermalink, isSandboxLink, parseLink, type SandboxLink } from '../../lab/link.ts';
import { scriptInputs } from '../../lab/script.ts';
import { scenarioFiles, scenarioName } from '../catalogue/scenarios.ts';
import { loadCatalog } from '../labs/catalog.ts';
import { readPermalink } from '../state/permalink.ts';
import { DEFAULT_OPTIONS } from '../state/sandbox.svelte.ts';
import type { Shell } from './shell.ts';

export interface LinkTarget {
  readonly shell: Shell;
  /** Shows the Labs tab (the lab request is taken there). */
  showLabs(): void;
}

/** A link to a scenario, lab or script, or to a moment of a session (`#session=`, state/permalink.ts). */
export const isLink = (fragment: string): boolean => isSandboxLink(fragment) || isPermalink(fragment);

export async function openLinkFromAddress(target: LinkTarget, location: Location, history: History): Promise<void> {
  if (!isLink(location.hash)) return;
  const fragment = location.hash;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  if (isPermalink(fragment)) return openMoment(target, fragment);
  const scenarios = scenarioFiles();
  const entries = await loadCatalog();
  const labs = new Map(entries.flatMap((e) => (e.ok ? [[e.lab.id, e.file] as const] : [])));
  const parsed = parseLink(fragment, { scenarios: scenarios.map(scenarioName), labs: [...labs.keys()] });
  if (!parsed.ok) {
    target.shell.notices.show('error', `This link cannot be opened: ${parsed.errors.join('; ')}. Nothing was changed.`);
    return;
  }
  open(target, parsed.link, scenarios, labs);
}

function openMoment({ shell }: LinkTarget, fragment: string): void {
  const read = readPermalink(fragment);
  if (!read.ok) {
    shell.notices.show('error', `This link cannot be opened: ${read.error}. Nothing was changed.`);
    return;
  }
  const { session } = read;
  shell.actions.replacing('Opening the link replaces this session with the linked one', () => {
    shell.player.stop(shell.console);
    try {
      shell.sandbox.restore(session);
    } catch (e) {
      shell.notices.show('error', `This link cannot be opened: its session could not be replayed (${e instanceof Error ? e.message : String(e)}). Nothing was changed.`);
      return;
    }
    shell.console.clearedBefore = 0;
    const inputs = session.log.length;
    shell.notices.show('ok', `Opened the linked session: ${inputs} input${inputs === 1 ? '' : 's'} replayed to t=${(session.time / 1000).toFixed(3)}s (${session.mode}, seed ${session.seed}).`);
  });
}

function open(target: LinkTarget, link: SandboxLink, scenarios: readonly string[], labs: ReadonlyMap<string, string>): void {
  const { shell } = target;
  const mode = link.mode ?? shell.sandbox.mode;
  const options = { ...(link.seed !== null ? { seed: link.seed } : {}), ...(link.nodes !== null ? { nodes: link.nodes } : {}) };
  const source = link.source;
  if (source.kind === 'script') {
    const inputs = scriptInputs(source.text, 'the link').map((input) => input.text);
    shell.actions.replacing('Opening the link plays its script in a fresh session', () => {
      shell.actions.startNew({ ...DEFAULT_OPTIONS, mode, ...options }, false);
      void shell.player.play('the linked script', inputs, shell.console);
    });
  } else if (source.kind === 'scenario') {
    const file = scenarios.find((f) => scenarioName(f) === source.id)!;
    const conclusion = source.id === 'issue-2618' ? ({ kind: 'issue-2618' } as const) : ({ kind: 'note', text: `Played ${source.id} (${mode}) from the link.` } as const);
    shell.actions.playScenario(file, mode, `Opening the link plays ${source.id} in a fresh session`, conclusion, options);
  } else {
    shell.labRequests.open(labs.get(source.id)!, link.mode);
    target.showLabs();
  }
}
