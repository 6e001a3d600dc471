/**
 * Lab prose to HTML, safely: Markdown through `marked`, then `DOMPurify` with an allow-list.
 * Raw HTML in a lab is never rendered (labs/README.md): marked's HTML tokens come out escaped, as
 * text the author can see, and the sanitizer drops anything else that is not plain Markdown
 * output. Images show their alt text; links are followed only to http(s) and open in a new tab.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ text }) => escapeHtml(text),
  },
});

const ALLOWED_TAGS = ['p', 'br', 'hr', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input'];
const ALLOWED_ATTR = ['href', 'title', 'align', 'start', 'type', 'checked', 'disabled'];
const WEB_LINK = /^https?:\/\//i;

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (WEB_LINK.test(href)) {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        } else {
          // A repository-relative path or any other scheme: the text stays, the link goes.
          node.removeAttribute('href');
        }
      }
      // GFM task lists are the only inputs marked makes: keep them inert checkboxes.
      if (node.nodeName === 'INPUT' && node.getAttribute('type') !== 'checkbox') node.remove();
      else if (node.nodeName === 'INPUT') node.setAttribute('disabled', '');
    });
  }
  return DOMPurify;
}

/** Sanitised HTML for a Markdown text (block level); `headingOffset` demotes headings (# to h2 with 1). */
export function renderMarkdown(markdown: string, { headingOffset = 0 } = {}): string {
  const tokens = marked.lexer(markdown);
  if (headingOffset !== 0) {
    marked.walkTokens(tokens, (token) => {
      if (token.type === 'heading') token.depth = Math.max(1, Math.min(6, token.depth + headingOffset));
    });
  }
  const html = marked.parser(tokens);
  return purifier().sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false });
}

/** Sanitised HTML for one line of inline Markdown (a step title). */
export function renderInline(markdown: string): string {
  const html = marked.parseInline(markdown, { async: false });
  return purifier().sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false });
}
