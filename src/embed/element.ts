/**
 * `<kvrocks-lab>`: one independent simulation per element, rendered in its own shadow root. The
 * element reads its attributes (or, on the iframe page, a URL query), shows every mistake inside
 * itself, and reports what happens as composed CustomEvents. It writes nothing outside itself:
 * no globals, no storage, no styles in the page (Svelte's styles are injected into the shadow root).
 */
import { mount, unmount } from 'svelte';
import { labIds, scenarioIds } from './catalogue.ts';
import css from './embed.css?inline';
import type { Ticker } from './player.svelte.ts';
import { loadProgram } from './program.ts';
import { readQuery } from './query.ts';
import { sandboxLinkFor } from './sandbox-link.ts';
import { SCRIPT_BASE } from './script-base.ts';
import type { Emit, EmbedEventName } from './run.ts';
import { ATTRIBUTES, parseSettings, type AttributeName, type SettingError } from './settings.ts';
import ErrorView from './ui/ErrorView.svelte';
import Frame from './ui/Frame.svelte';

export const TAG = 'kvrocks-lab';
const CHILD_SCRIPT = ':scope > script[type="text/kvrocks"]';

/** Real timers for one element; `stop` cancels them all (the player then never resumes). */
function browserTicker(): Ticker & { stop(): void } {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const frames = new Set<number>();
  return {
    delay: (ms) =>
      new Promise((resolve) => {
        const id = setTimeout(() => {
          timers.delete(id);
          resolve();
        }, ms);
        timers.add(id);
      }),
    frame: () =>
      new Promise((resolve) => {
        const id = requestAnimationFrame((t) => {
          frames.delete(id);
          resolve(t);
        });
        frames.add(id);
      }),
    now: () => performance.now(),
    stop() {
      for (const id of timers) clearTimeout(id);
      for (const id of frames) cancelAnimationFrame(id);
      timers.clear();
      frames.clear();
    },
  };
}

/**
 * Importing this module where there is no DOM (a docs site's server-side render) must not throw:
 * the class then extends a stand-in, and defineKvrocksLab() does nothing.
 */
const ElementBase = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

export class KvrocksLabElement extends ElementBase {
  static readonly observedAttributes = ATTRIBUTES;

  private readonly root: ShadowRoot;
  private readonly container: HTMLDivElement;
  private component: Record<string, unknown> | null = null;
  private ticker: (Ticker & { stop(): void }) | null = null;
  private renderedKey: string | null = null;
  private scheduled = false;
  private children$: MutationObserver | null = null;
  private resize: ResizeObserver | null = null;
  private size = { width: -1, height: -1 };
  private querySource: string | null = null;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.container = document.createElement('div');
    this.container.className = 'kvlab-root';
    this.container.style.height = '100%';
    this.root.append(style, this.container);
  }

  /** The iframe page's settings: a URL query string instead of attributes. */
  get query(): string | null {
    return this.querySource;
  }

  set query(search: string | null) {
    this.querySource = search;
    this.schedule();
  }

  connectedCallback(): void {
    this.children$ = new MutationObserver(() => this.schedule());
    this.children$.observe(this, { childList: true, subtree: true, characterData: true });
    // A DOM without layout (jsdom, some test runners) has no ResizeObserver: no resize events then.
    if (typeof ResizeObserver !== 'undefined') {
      this.resize = new ResizeObserver(([entry]) => this.resized(entry!));
      this.resize.observe(this);
    }
    // While the page is still parsing, a child <script type="text/kvrocks"> may not be there yet.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.schedule(), { once: true });
    else this.schedule();
  }

  disconnectedCallback(): void {
    this.children$?.disconnect();
    this.resize?.disconnect();
    this.children$ = null;
    this.resize = null;
    this.teardown();
  }

  attributeChangedCallback(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || !this.isConnected || document.readyState === 'loading') return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.isConnected) this.render();
    });
  }

  private emit: Emit = (name: EmbedEventName, detail) => {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  };

  private render(): void {
    const child = this.querySelector(CHILD_SCRIPT)?.textContent ?? null;
    const query = this.querySource === null ? null : readQuery(this.querySource);
    const read = query ? query.read : (name: AttributeName) => this.getAttribute(name);
    const parsed = parseSettings(read, query ? null : child, { scenarios: scenarioIds(), labs: labIds() });
    const errors: SettingError[] = [...(query?.errors ?? []), ...(parsed.ok ? [] : parsed.errors)];
    const program = parsed.ok && errors.length === 0 ? loadProgram(parsed.settings) : null;
    if (program && !program.ok) errors.push(...program.errors);
    // The theme alone changes no simulation: the styles follow :host([theme]) and the graph recolours.
    const key = JSON.stringify(errors.length > 0 ? { errors } : { ...(parsed.ok ? parsed.settings : {}), theme: null });
    if (key === this.renderedKey) return;
    this.teardown();
    this.renderedKey = key;
    if (errors.length > 0 || !parsed.ok || !program?.ok) {
      this.component = mount(ErrorView, { target: this.container, props: { errors, from: query ? 'parameter' : 'attribute' } });
      this.emit('kvlab-error', { errors: errors.map((e) => ({ ...e })) });
      return;
    }
    this.ticker = browserTicker();
    this.component = mount(Frame, { target: this.container, props: { program: program.program, settings: parsed.settings, emit: this.emit, ticker: this.ticker, sandboxLink: sandboxLinkFor(parsed.settings, SCRIPT_BASE ?? location.href) } });
  }

  private teardown(): void {
    this.ticker?.stop();
    this.ticker = null;
    if (this.component) void unmount(this.component);
    this.component = null;
    this.renderedKey = null;
  }

  private resized(entry: ResizeObserverEntry): void {
    const box = entry.borderBoxSize?.[0];
    const width = Math.round(box ? box.inlineSize : entry.contentRect.width);
    const height = Math.round(box ? box.blockSize : entry.contentRect.height);
    if (width === this.size.width && height === this.size.height) return;
    this.size = { width, height };
    this.emit('kvlab-resize', { width, height });
  }
}

/** Defines `<kvrocks-lab>` once (a second copy of the script on the page changes nothing; without a DOM, nothing happens). */
export function defineKvrocksLab(): void {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(TAG)) customElements.define(TAG, KvrocksLabElement);
}
