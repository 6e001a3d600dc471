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
  /** The iframe and, after it, the parent page's side of the height protocol (a small script). */
  readonly iframeHtml: string;
}

/** A short stable id for one snippet's iframe (FNV-1a of its URL), so two on a page never clash. */
function frameId(url: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 0x01000193) >>> 0;
  return `kvrocks-lab-frame-${h.toString(16).padStart(8, '0')}`;
}

/**
 * The parent's side of the iframe height protocol: embed.html posts
 * `{ type: 'kvrocks-lab:height', height }`; only messages from that frame's window and origin count.
 */
function heightListener(id: string, frameUrl: string): string {
  let origin: string | null = null;
  try {
    origin = new URL(frameUrl).origin;
  } catch {
    origin = null; // a relative URL: the frame is on the page's own origin
  }
  const expected = origin === null || origin === 'null' ? 'location.origin' : `'${origin.replace(/[\\'<>]/g, '')}'`;
  return [
    '<script>',
    `  // Sizes the frame to its content: kvrocks-lab:height messages from ${expected === 'location.origin' ? 'this origin' : expected.slice(1, -1)} only.`,
    "  addEventListener('message', function (e) {",
    `    var f = document.getElementById('${id}');`,
    `    if (!f || e.source !== f.contentWindow || e.origin !== ${expected}) return;`,
    '    var d = e.data;',
    "    if (d && d.type === 'kvrocks-lab:height' && typeof d.height === 'number' && d.height > 0 && d.height < 10000) f.style.height = Math.ceil(d.height) + 'px';",
    '  });',
    '</script>',
  ].join('\n');
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
  const id = frameId(iframeUrl);
  const iframeHtml = `<iframe id="${id}" src="${escapeHtml(iframeUrl)}" title="Kvrocks Cluster Lab demo" width="100%" height="560" style="border:0" loading="lazy"></iframe>\n${heightListener(id, frameUrl)}`;
  return { ok: true, snippet: { html, iframeUrl, iframeHtml } };
}
