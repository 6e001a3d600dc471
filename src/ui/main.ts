// Placeholder page until the sandbox lands: a console over the same engine as `kvlab run`.
import { Session } from '../lab/session.ts';
import { transcriptOf } from '../lab/script.ts';

const session = new Session({ nodes: 3, seed: 1, mode: 'buggy' });
const app = document.querySelector<HTMLDivElement>('#app')!;
app.innerHTML = `<main style="font-family: monospace; max-width: 60rem; margin: 2rem auto">
  <h1>Kvrocks Cluster Lab</h1>
  <p>A deterministic model of an Apache Kvrocks cluster. Type a command (try <code>.help</code>).</p>
  <pre id="out" style="white-space: pre-wrap"></pre>
  <label>Command <input id="cmd" size="80" autofocus /></label>
</main>`;
const out = app.querySelector<HTMLPreElement>('#out')!;
const input = app.querySelector<HTMLInputElement>('#cmd')!;
input.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  const result = session.run(input.value);
  out.textContent += `${transcriptOf(result)}${result.error ? `\n(console) ${result.error}` : ''}\n`;
  input.value = '';
});
