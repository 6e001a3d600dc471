/**
 * Just enough Markdown for the project's docs/, parsed into plain data that components render as
 * text nodes (never as HTML): headings, paragraphs, lists, fenced code, pipe tables, and inline
 * `code`, **bold** and [links](https://...).
 */
export type Inline = { kind: 'text' | 'code' | 'strong'; text: string } | { kind: 'link'; text: string; href: string };

export type Block =
  | { kind: 'heading'; level: number; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'code'; text: string }
  | { kind: 'table'; head: Inline[][]; rows: Inline[][][] };

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Only web links are followed; anything else (a repo-relative path, javascript:) stays text. */
const safeHref = (href: string) => /^https?:\/\//i.test(href);

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'strong', text: m[2] });
    else if (safeHref(m[4]!)) out.push({ kind: 'link', text: m[3]!, href: m[4]! });
    else out.push({ kind: 'text', text: m[3]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Table cells split on `|` outside backticks; `\|` is a literal bar. */
function cells(row: string): Inline[][] {
  const parts: string[] = [''];
  let inCode = false;
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && body[i + 1] === '|') {
      parts[parts.length - 1] += '|';
      i++;
    } else if (ch === '`') {
      inCode = !inCode;
      parts[parts.length - 1] += ch;
    } else if (ch === '|' && !inCode) parts.push('');
    else parts[parts.length - 1] += ch;
  }
  return parts.map((p) => parseInline(p.trim()));
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const isBreak = (line: string) => line.trim() === '' || /^(#{1,6} |```|[-*] |\|)/.test(line);
  while (i < lines.length) {
    const line = lines[i]!;
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (line.trim() === '') i++;
    else if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, content: parseInline(heading[2]!) });
      i++;
    } else if (line.startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      blocks.push({ kind: 'code', text: body.join('\n') });
      i++;
    } else if (line.startsWith('|')) {
      const rows: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!);
      const [head = '', , ...body] = rows;
      blocks.push({ kind: 'table', head: cells(head), rows: body.map(cells) });
    } else if (/^[-*] /.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && (/^[-*] /.test(lines[i]!) || /^\s+\S/.test(lines[i]!)); i++) {
        if (/^[-*] /.test(lines[i]!)) items.push(lines[i]!.slice(2));
        else items[items.length - 1] += ` ${lines[i]!.trim()}`;
      }
      blocks.push({ kind: 'list', items: items.map(parseInline) });
    } else {
      const text: string[] = [];
      for (; i < lines.length && (text.length === 0 || !isBreak(lines[i]!)); i++) text.push(lines[i]!.trim());
      blocks.push({ kind: 'paragraph', content: parseInline(text.join(' ')) });
    }
  }
  return blocks;
}
