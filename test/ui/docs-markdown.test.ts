import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from '../../src/ui/docs/markdown.ts';

describe('docs markdown', () => {
  it('parses headings, paragraphs, lists, code and tables', () => {
    const blocks = parseMarkdown('# Title\n\nOne\nline.\n\n- a\n- b `c`\n  more\n\n```sh\nnpm test\n```\n\n| x | y |\n|---|---|\n| `a\\|b` | [k](https://kvrocks.apache.org) |\n');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'code', 'table']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', content: [{ kind: 'text', text: 'One line.' }] });
    expect(blocks[2]).toMatchObject({ items: [[{ text: 'a' }], [{ text: 'b ' }, { kind: 'code', text: 'c' }, { text: ' more' }]] });
    expect(blocks[3]).toEqual({ kind: 'code', text: 'npm test' });
    expect(blocks[4]).toMatchObject({ rows: [[[{ kind: 'code', text: 'a|b' }], [{ kind: 'link', href: 'https://kvrocks.apache.org' }]]] });
  });

  it('keeps links that are not web links as text (no javascript:, no repo paths)', () => {
    expect(parseInline('[x](javascript:alert(1)) and [y](docs/cli.md)')).toEqual([
      { kind: 'text', text: 'x' },
      { kind: 'text', text: ') and ' },
      { kind: 'text', text: 'y' },
    ]);
  });

  it('reads every file in docs/ without losing text', () => {
    for (const name of ['console', 'model', 'cli', 'architecture']) {
      const blocks = parseMarkdown(readFileSync(`docs/${name}.md`, 'utf8'));
      expect(blocks.length).toBeGreaterThan(3);
      expect(blocks[0]!.kind).toBe('heading');
    }
  });
});
