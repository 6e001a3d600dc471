/**
 * The snippet generator behind the demo page: chosen settings to the HTML a docs page pastes (the
 * script tag and the element) and the iframe URL for sites that allow no scripts. Every value is
 * validated by the element's own rules (settings and program) first and escaped for the attribute it lands in. Pure.
 */
import { loadProgram } from './program.ts';
import { parseSettings, type AttributeName, type Known, type SettingError } from './settings.ts';

export interface SnippetChoice {
  readonly source: { kind: 'scenario' | 'lab'; id: string } | { kind: 'script'; text: string };
  readonly mode: string;
  readonly seed: string;
  readonly nodes: string;
  readonly autoplay: boolean;
  readonly readonly: boolean;
}

export interface Snippet {
  readonly html: string;
  readonly iframeUrl: string;
  readonly iframeHtml: string;
}

/** Escapes text for a double-quoted HTML attribute value or for element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The attributes in the order they are written, empty values left out, flags bare. */
function attributesOf(choice: SnippetChoice): [AttributeName, string | null][] {
  const out: [AttributeName, string | null][] = [];
  if (choice.source.kind !== 'script') out.push([choice.source.kind, choice.source.id]);
  for (const name of ['mode', 'seed', 'nodes'] as const) if (choice[name].trim() !== '') out.push([name, choice[name].trim()]);
  if (choice.autoplay) out.push(['autoplay', null]);
  if (choice.readonly) out.push(['readonly', null]);
  return out;
}

export function makeSnippet(choice: SnippetChoice, scriptUrl: string, frameUrl: string, known: Known): { ok: true; snippet: Snippet } | { ok: false; errors: SettingError[] } {
  const attrs = attributesOf(choice);
  const script = choice.source.kind === 'script' ? choice.source.text : null;
  const read = (name: AttributeName) => {
    const found = attrs.find(([n]) => n === name);
    return found ? (found[1] ?? '') : null;
  };
  if (script !== null && /<\/script/i.test(script)) return { ok: false, errors: [{ attribute: 'script', message: "a script cannot contain '</script' inside an HTML page" }] };
  const parsed = parseSettings(read, script, known);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const program = loadProgram(parsed.settings);
  if (!program.ok) return { ok: false, errors: program.errors };
  const written = attrs.map(([name, value]) => (value === null ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`)).join('');
  const child = script === null ? '' : `\n  <script type="text/kvrocks">\n${script.replace(/\r\n?/g, '\n').split('\n').map((l) => `    ${l}`.trimEnd()).join('\n')}\n  </script>\n`;
  const html = `<script src="${escapeHtml(scriptUrl)}"></script>\n<kvrocks-lab${written}>${child}</kvrocks-lab>`;
  const query = new URLSearchParams();
  for (const [name, value] of attrs) query.append(name, value ?? '');
  if (script !== null) query.append('script', script);
  const iframeUrl = `${frameUrl}?${query.toString().replace(/=(&|$)/g, '$1')}`;
  const iframeHtml = `<iframe src="${escapeHtml(iframeUrl)}" title="Kvrocks Cluster Lab demo" width="100%" height="560" style="border:0" loading="lazy"></iframe>`;
  return { ok: true, snippet: { html, iframeUrl, iframeHtml } };
}
