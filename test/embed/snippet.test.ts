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
        iframeHtml: expect.stringMatching(
          /^<iframe id="kvrocks-lab-frame-[0-9a-f]{8}" src="https:\/\/docs\.example\/kvlab\/embed\.html\?scenario=issue-2618&amp;mode=fixed&amp;autoplay" title="Kvrocks Cluster Lab demo" width="100%" height="560" style="border:0" loading="lazy"><\/iframe>\n<script>\n/,
        ),
      },
    });
  });

  it("writes the parent's side of the height protocol: that frame's window and origin only", () => {
    const made = make({});
    if (!made.ok) throw new Error('expected a snippet');
    const id = /id="(kvrocks-lab-frame-[0-9a-f]{8})"/.exec(made.snippet.iframeHtml)![1]!;
    expect(made.snippet.iframeHtml).toContain(`var f = document.getElementById('${id}');`);
    expect(made.snippet.iframeHtml).toContain("if (!f || e.source !== f.contentWindow || e.origin !== 'https://docs.example') return;");
    expect(made.snippet.iframeHtml).toContain("d.type === 'kvrocks-lab:height'");
    // Another snippet on the same page gets another id; a relative frame URL checks the page's own origin.
    const other = makeSnippet({ ...base, mode: 'buggy' }, SCRIPT, 'embed.html', known);
    if (!other.ok) throw new Error('expected a snippet');
    expect(other.snippet.iframeHtml).not.toContain(id);
    expect(other.snippet.iframeHtml).toContain('e.origin !== location.origin');
  });

  it('the listener, run in a page, sizes only its own frame from its own origin', () => {
    const made = make({});
    if (!made.ok) throw new Error('expected a snippet');
    const script = /<script>\n([\s\S]*)<\/script>$/.exec(made.snippet.iframeHtml)![1]!;
    const frame = { contentWindow: {}, style: { height: '' } };
    let listener: ((e: unknown) => void) | null = null;
    new Function('addEventListener', 'document', 'location', script)(
      (_: string, fn: (e: unknown) => void) => (listener = fn),
      { getElementById: () => frame },
      { origin: 'https://docs.example' },
    );
    listener!({ source: {}, origin: 'https://docs.example', data: { type: 'kvrocks-lab:height', height: 700 } });
    expect(frame.style.height).toBe('');
    listener!({ source: frame.contentWindow, origin: 'https://evil.example', data: { type: 'kvrocks-lab:height', height: 700 } });
    expect(frame.style.height).toBe('');
    listener!({ source: frame.contentWindow, origin: 'https://docs.example', data: { type: 'kvrocks-lab:height', height: 'x' } });
    expect(frame.style.height).toBe('');
    listener!({ source: frame.contentWindow, origin: 'https://docs.example', data: { type: 'kvrocks-lab:height', height: 612.4 } });
    expect(frame.style.height).toBe('613px');
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
