import { describe, expect, it } from 'vitest';
import { labIds, scenarioIds } from '../../src/embed/catalogue.ts';
import { readQuery } from '../../src/embed/query.ts';
import { parseSettings } from '../../src/embed/settings.ts';
import { escapeHtml, makeSnippet, type SnippetChoice } from '../../src/embed/snippet.ts';

const known = { scenarios: scenarioIds(), labs: labIds() };
const SCRIPT = 'https://docs.example/kvlab/kvrocks-lab.js';
const FRAME = 'https://docs.example/kvlab/embed.html';
const base: SnippetChoice = { source: { kind: 'scenario', id: 'issue-2618' }, mode: 'fixed', seed: '', nodes: '', autoplay: true, readonly: false };
const make = (choice: Partial<SnippetChoice>) => makeSnippet({ ...base, ...choice }, SCRIPT, FRAME, known);

describe('makeSnippet', () => {
  it('writes the script tag and the element, empty choices left out, flags bare', () => {
    const made = make({});
    expect(made).toEqual({
      ok: true,
      snippet: {
        html: `<script src="${SCRIPT}"></script>\n<kvrocks-lab scenario="issue-2618" mode="fixed" autoplay></kvrocks-lab>`,
        iframeUrl: `${FRAME}?scenario=issue-2618&mode=fixed&autoplay`,
        iframeHtml: `<iframe src="${FRAME}?scenario=issue-2618&amp;mode=fixed&amp;autoplay" title="Kvrocks Cluster Lab demo" width="100%" height="560" style="border:0" loading="lazy"></iframe>`,
      },
    });
  });

  it('the iframe URL reads back as the same settings', () => {
    const made = make({ source: { kind: 'lab', id: 'orphan-2841' }, mode: 'guarded', seed: 'a&b=c', readonly: true });
    if (!made.ok) throw new Error('expected a snippet');
    const query = readQuery(new URL(made.snippet.iframeUrl).search);
    expect(query.errors).toEqual([]);
    expect(parseSettings(query.read, null, known)).toMatchObject({ ok: true, settings: { source: { kind: 'lab', id: 'orphan-2841' }, mode: 'guarded', seed: 'a&b=c', autoplay: true, readonly: true } });
    expect(made.snippet.html).toContain('seed="a&amp;b=c"');
  });

  it("refuses what the element would refuse, in the element's words", () => {
    expect(make({ nodes: '900' })).toMatchObject({ ok: false, errors: [{ attribute: 'nodes' }] });
    expect(make({ source: { kind: 'lab', id: 'fix-2643' }, mode: 'buggy' })).toEqual({ ok: false, errors: [{ attribute: 'mode', message: "lab 'fix-2643' is written for mode fixed, not buggy" }] });
    expect(make({ seed: 'has "quotes" and spaces' })).toMatchObject({ ok: false, errors: [{ attribute: 'seed' }] });
  });

  it('a script goes in a child <script type="text/kvrocks">, and one that would close it is refused', () => {
    const made = make({ source: { kind: 'script', text: 'PING\n@kv2 ROLE' } });
    expect(made.ok && made.snippet.html).toBe(`<script src="${SCRIPT}"></script>\n<kvrocks-lab mode="fixed" autoplay>\n  <script type="text/kvrocks">\n    PING\n    @kv2 ROLE\n  </script>\n</kvrocks-lab>`);
    expect(made.ok && made.snippet.iframeUrl).toBe(`${FRAME}?mode=fixed&autoplay&script=PING%0A%40kv2+ROLE`);
    expect(make({ source: { kind: 'script', text: 'ECHO </script><img src=x>' } })).toMatchObject({ ok: false, errors: [{ attribute: 'script' }] });
  });

  it('escapes for HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
