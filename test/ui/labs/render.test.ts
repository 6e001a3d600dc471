// @vitest-environment jsdom
// Lab prose is untrusted input: nothing in a lab file may run script or load anything in the page.
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../../src/ui/labs/render.ts';

/** Parses the HTML the way the page inserts it, and lists what could act: elements, attributes, URLs. */
function audit(html: string) {
  const box = document.createElement('div');
  box.innerHTML = html;
  const elements = [...box.querySelectorAll('*')];
  return {
    box,
    tags: [...new Set(elements.map((e) => e.tagName.toLowerCase()))],
    handlers: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
    urls: elements.flatMap((e) => ['href', 'src', 'action', 'formaction', 'xlink:href'].map((n) => e.getAttribute(n)).filter((v): v is string => v !== null)),
  };
}

const HOSTILE = [
  '<script>window.pwned = 1</script>',
  '<img src=x onerror="window.pwned = 1">',
  '<svg onload="window.pwned = 1"><circle /></svg>',
  '<iframe src="javascript:window.pwned = 1"></iframe>',
  '<a href="javascript:window.pwned = 1">raw link</a>',
  '<b onclick="window.pwned = 1">bold</b>',
  '<style>body { display: none }</style>',
  '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>',
  '<details open ontoggle="window.pwned = 1">x</details>',
  '[md link](javascript:window.pwned=1)',
  '[encoded](jav&#x09;ascript:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<javascript:alert(1)>',
  '![alt text](javascript:alert(1))',
  '![pixel](https://tracker.example/p.gif)',
  '[ref][r]\n\n[r]: javascript:alert(1)',
];

describe('lab prose rendering: raw HTML is never rendered', () => {
  it.each(HOSTILE)('%s comes out inert', (source) => {
    const html = renderMarkdown(`Before.\n\n${source}\n\nAfter.`);
    const { tags, handlers, urls } = audit(html);
    expect(tags.filter((t) => !['p', 'a', 'em', 'strong', 'code', 'br'].includes(t))).toEqual([]);
    expect(handlers).toEqual([]);
    for (const url of urls) expect(url).toMatch(/^https?:\/\//);
    expect(html).not.toMatch(/<(script|img|svg|iframe|style|form|details|button)/i);
  });

  it('raw HTML is shown as text the author can see, not dropped silently', () => {
    const html = renderMarkdown('Say <b onclick="x()">hi</b> and <script>alert(1)</script>');
    const { box } = audit(html);
    expect(box.textContent).toContain('<b onclick="x()">hi</b>');
    expect(box.querySelector('b, script')).toBeNull();
  });

  it('images show their alt text and load nothing', () => {
    const { box, tags } = audit(renderMarkdown('![the topology](https://example.com/a.png)'));
    expect(tags).toEqual(['p']);
    expect(box.textContent!.trim()).toBe('the topology');
  });

  it('web links open in a new tab without an opener; others keep their text and lose the link', () => {
    const { box } = audit(renderMarkdown('[issue](https://github.com/apache/kvrocks/issues/2618) and [the console](../docs/console.md)'));
    const links = [...box.querySelectorAll('a')];
    expect(links[0]!.getAttribute('href')).toBe('https://github.com/apache/kvrocks/issues/2618');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[1]!.hasAttribute('href')).toBe(false);
    expect(links[1]!.textContent).toBe('the console');
  });

  it('plain Markdown renders: emphasis, code, lists, tables, fenced text', () => {
    const md = 'Some *em*, **strong** and `CLUSTER NODES`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```text\nrole:slave\n```';
    const { box, tags } = audit(renderMarkdown(md));
    expect(tags).toEqual(expect.arrayContaining(['p', 'em', 'strong', 'code', 'ul', 'li', 'table', 'th', 'td', 'pre']));
    expect(box.querySelector('pre')!.textContent).toBe('role:slave\n');
    expect(box.querySelector('[class], [style], [id]')).toBeNull();
  });

  it('a step title renders inline, just as safely', () => {
    expect(renderInline('The `SETNODES` push')).toBe('The <code>SETNODES</code> push');
    const { tags, handlers } = audit(renderInline('Title <img src=x onerror=alert(1)> [x](javascript:alert(1))'));
    expect(tags.filter((t) => t !== 'a')).toEqual([]);
    expect(handlers).toEqual([]);
  });

  it('headings can be demoted (the docs dialog has its own h2)', () => {
    expect(renderMarkdown('# Title\n\n## Section\n\n###### Deep', { headingOffset: 1 })).toBe('<h2>Title</h2>\n<h3>Section</h3>\n<h6>Deep</h6>\n');
  });

  it('every lab shipped renders without raw HTML', async () => {
    const { loadCatalog } = await import('../../../src/ui/labs/catalog.ts');
    for (const entry of await loadCatalog()) {
      if (!entry.ok) throw new Error(entry.error);
      const prose = [...entry.lab.intro, ...entry.lab.steps.flatMap((s) => s.body)].flatMap((s) => (s.kind === 'markdown' ? [s.text] : []));
      for (const text of prose) expect(audit(renderMarkdown(text)).handlers).toEqual([]);
    }
  });
});
