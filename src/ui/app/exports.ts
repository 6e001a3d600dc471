/**
 * What "Export" offers beside the session file: the plain-text transcript, the repro script for
 * real Kvrocks (lab/repro.ts) and a link to this moment (state/permalink.ts). Text is made here
 * (pure); saving and copying are the page's.
 */
import { reproScript } from '../../lab/repro.ts';
import type { RunResult } from '../../lab/session.ts';
import { permalinkFragment } from '../state/permalink.ts';
import type { SavedSession } from '../state/persistence.ts';
import type { Sandbox } from '../state/sandbox.svelte.ts';

/** The console as `kvlab run` prints it: each input after its prompt, then what it printed. */
export function transcriptText(results: readonly RunResult[]): string {
  return results
    .map((r) => {
      const trimmed = r.input.trim();
      if (trimmed === '' || trimmed.startsWith('#')) return r.input;
      const shown = r.error ?? r.output;
      return shown === '' ? `${r.prompt}${r.input}` : `${r.prompt}${r.input}\n${shown}`;
    })
    .join('\n')
    .concat('\n');
}

/** The repro script of the session's `results` up to virtual time `at`. */
export function reproText(sandbox: Sandbox, results: readonly RunResult[], at: number): string {
  const { seed, mode } = sandbox.options;
  const nodes = sandbox.session.world.nodes.map((n) => ({ name: n.name, host: n.host, port: n.port }));
  return reproScript(results, at, { title: `a Cluster Lab session, mode ${mode}, seed ${seed}, up to t=${(at / 1000).toFixed(3)}s`, nodes });
}

/** The sandbox's address with a moment's session (`sandbox.snapshot()`) in its fragment. */
export function momentLink(snapshot: SavedSession, page: string): string {
  const url = new URL(page);
  url.hash = permalinkFragment(snapshot);
  return url.href;
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
