/**
 * The demo page's snippet generator (dist/demo.js): a form to the HTML to paste and the iframe
 * URL. Everything shown is set as text (textContent, attribute values), never parsed as HTML.
 */
import { LABS, labIds, scenarioIds, SCENARIOS } from './catalogue.ts';
import { makeSnippet, type SnippetChoice } from './snippet.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

function setup(): void {
  const form = $<HTMLFormElement>('snippet-form');
  if (!form) return;
  const source = $<HTMLSelectElement>('snippet-source');
  const scenarios = document.createElement('optgroup');
  scenarios.label = 'Scenarios';
  for (const s of SCENARIOS) scenarios.append(option(`scenario:${s.id}`, s.id));
  const labs = document.createElement('optgroup');
  labs.label = 'Guided labs';
  for (const l of LABS) labs.append(option(`lab:${l.id}`, l.id));
  source.append(scenarios, labs);

  const base = new URL('.', location.href);
  const scriptUrl = new URL('kvrocks-lab.js', base).href;
  const frameUrl = new URL('embed.html', base).href;
  const field = (id: string) => $<HTMLInputElement>(id);

  const update = () => {
    const [kind, id] = source.value.split(':') as ['scenario' | 'lab', string];
    const choice: SnippetChoice = {
      source: { kind, id },
      mode: $<HTMLSelectElement>('snippet-mode').value,
      seed: field('snippet-seed').value,
      nodes: field('snippet-nodes').value,
      autoplay: field('snippet-autoplay').checked,
      readonly: field('snippet-readonly').checked,
    };
    const made = makeSnippet(choice, scriptUrl, frameUrl, { scenarios: scenarioIds(), labs: labIds() });
    const problems = $<HTMLUListElement>('snippet-errors');
    problems.replaceChildren();
    const outputs = ['snippet-html', 'snippet-url', 'snippet-iframe'].map((o) => $<HTMLElement>(o));
    if (!made.ok) {
      for (const e of made.errors) {
        const li = document.createElement('li');
        const code = document.createElement('code');
        code.textContent = e.attribute;
        li.append(code, ` ${e.message}`);
        problems.append(li);
      }
      for (const o of outputs) o.textContent = '';
      return;
    }
    outputs[0]!.textContent = made.snippet.html;
    outputs[1]!.textContent = made.snippet.iframeUrl;
    outputs[2]!.textContent = made.snippet.iframeHtml;
    const open = $<HTMLAnchorElement>('snippet-open');
    open.href = made.snippet.iframeUrl;
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (e) => e.preventDefault());
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.addEventListener('click', () => {
      const text = $<HTMLElement>(button.dataset.copy!).textContent ?? '';
      void navigator.clipboard?.writeText(text).then(
        () => (button.textContent = 'Copied'),
        () => (button.textContent = 'Select and copy'),
      );
    });
  }
  update();
}

/** Under each embed, what this page heard from it through its events. */
function listen(): void {
  const line = (id: string) => document.querySelector<HTMLElement>(`.heard[data-for="${CSS.escape(id)}"]`);
  const say = (id: string, parts: (string | [string])[]) => {
    const target = line(id);
    if (!target) return;
    // [text] is shown strong; every part is text, never HTML.
    target.replaceChildren(...parts.map((p) => (typeof p === 'string' ? p : Object.assign(document.createElement('strong'), { textContent: p[0] }))));
  };
  const last = new Map<string, string>();
  document.addEventListener('kvlab-step', (event) => {
    const id = (event.target as HTMLElement).id;
    const { input, output, index } = (event as CustomEvent<{ input: string; output: string; index: number }>).detail;
    const role = /^@kv3 (INFO replication|ROLE)$/.exec(input) ? (/role:(\w+)/.exec(output)?.[1] ?? /^1\) "(\w+)"/.exec(output)?.[1]) : undefined;
    if (role) last.set(id, role);
    say(id, [`kvlab-step #${index}: `, [input.split('\n')[0]!.slice(0, 60)], ...(last.has(id) ? [' · kv3 last reported ', [`role:${last.get(id)}`] as [string]] : [])]);
  });
  document.addEventListener('kvlab-finished', (event) => {
    const id = (event.target as HTMLElement).id;
    const { inputs, mode } = (event as CustomEvent<{ inputs: number; mode: string }>).detail;
    say(id, ['kvlab-finished: ', [`${inputs} inputs in ${mode} mode`], ...(last.has(id) ? [', kv3 ends as ', [`role:${last.get(id)}`] as [string]] : [])]);
  });
}

listen();
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup, { once: true });
else setup();
