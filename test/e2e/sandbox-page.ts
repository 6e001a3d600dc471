/** Driving the sandbox page the way a person does: typing into the console, pressing buttons. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { scriptInputs } from '../../src/lab/script.ts';
import { ROOT } from './support.ts';

/** The #2618 scenario's commands (comments dropped), as a person would type them. */
export function issue2618Commands(): string[] {
  const file = 'labs/scenarios/issue-2618.kvlab';
  return scriptInputs(readFileSync(join(ROOT, file), 'utf8'), file)
    .map((input) => input.text)
    .filter((text) => !text.trim().startsWith('#'));
}

export class SandboxPage {
  constructor(readonly page: Page) {}

  get command(): Locator {
    return this.page.getByRole('textbox', { name: 'Command' });
  }

  get entries(): Locator {
    return this.page.getByRole('log', { name: 'Console output' }).locator('.entry');
  }

  get time(): Locator {
    return this.page.getByRole('group', { name: 'Time controls' }).locator('output');
  }

  /**
   * Opens the sandbox as a returning visitor (welcome dismissed) with a fresh session and virtual
   * time paused (the saved clock pref), so a test's time moves only when it presses Play or Step
   * or types `.wait`. `{ clock: 'first-visit' }` leaves the clock as a first visit has it (playing 1x).
   */
  async open(url: string, options: { clock?: 'paused' | 'first-visit' } = {}): Promise<void> {
    // Storage is set from a static file of the same origin: a sandbox page loaded first would
    // play (a first visit does) and save its session on the way out, after the clear.
    await this.page.goto(new URL('favicon.svg', url).href);
    await this.page.evaluate((paused) => {
      localStorage.clear();
      localStorage.setItem('kvlab.welcome.dismissed', 'yes');
      if (paused) localStorage.setItem('kvlab.clock.v1', JSON.stringify({ playing: false, speed: 1 }));
    }, options.clock !== 'first-visit');
    await this.page.goto(url);
    await this.command.waitFor();
  }

  /**
   * Types one input and presses Enter after each of its lines: inside an open double quote
   * Enter adds a line, after the last line it runs the input. Short lines go key by key; long
   * ones (SETNODES payloads) are inserted as text, which is much faster than a key per character.
   */
  async type(input: string): Promise<void> {
    const before = await this.entries.count();
    await this.command.click();
    for (const line of input.split('\n')) {
      if (line.length <= 40) await this.page.keyboard.type(line);
      else await this.page.keyboard.insertText(line);
      await this.page.keyboard.press('Enter');
    }
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('[aria-label="Console output"] .entry').length > n,
      before,
    );
  }

  /** The console's text, entry by entry, as it reads on screen. */
  async transcript(): Promise<string[]> {
    return this.entries.allTextContents();
  }

  /** What the last entry for `input` printed (its text after the first line). */
  async outputOf(input: string): Promise<string> {
    const texts = await this.transcript();
    const entry = [...texts].reverse().find((text) => text.split('\n')[0]!.endsWith(`> ${input}`));
    if (entry === undefined) throw new Error(`no console entry for ${input}`);
    return entry.split('\n').slice(1).join('\n');
  }

  /** Virtual time in ms, read from the time controls (`t=1.234s`). */
  async now(): Promise<number> {
    const text = (await this.time.textContent()) ?? '';
    const match = /t=(\d+\.\d+)s/.exec(text);
    if (!match) throw new Error(`no time in '${text}'`);
    return Math.round(Number(match[1]) * 1e6) / 1000;
  }

  /** "Playing 1×" or "Paused" (with the time) under the console's prompt. */
  async consoleClock(): Promise<string> {
    return (await this.page.locator('#console-column [data-clock]').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** The same, in the time controls. */
  async controlsClock(): Promise<string> {
    return (await this.page.getByRole('group', { name: 'Time controls' }).locator('[data-clock]').textContent())?.trim() ?? '';
  }

  /** What ↑ brings back into the command line, `count` presses from a fresh line. */
  async historyUp(count = 1): Promise<string[]> {
    await this.command.click();
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      await this.page.keyboard.press('ArrowUp');
      seen.push(await this.command.inputValue());
    }
    return seen;
  }

  /** The findings strip above the graph. */
  get findings(): Locator {
    return this.page.getByRole('region', { name: 'Findings' });
  }

  /** The findings' headlines, in order ("Ghost link kv3 → kv1", ...). */
  async findingTexts(): Promise<string[]> {
    return this.findings.locator('button strong').allTextContents();
  }

  /** Presses "Reproduce #2618" and waits for its conclusion, the `#` line it writes last. */
  async reproduce2618(): Promise<string> {
    await this.page.getByRole('button', { name: 'Reproduce #2618' }).click();
    const conclusion = this.entries.filter({ hasText: /^# (Reproduced #2618|Removed cleanly)/ });
    await conclusion.waitFor({ timeout: 30_000 });
    return (await conclusion.textContent()) ?? '';
  }

  /**
   * One Cytoscape element as drawn (needs the page opened with ?test): its classes (without the
   * transient `pulse`), its label and the computed values of `styles`; null when there is none.
   */
  async graphElement(id: string, styles: readonly string[] = []): Promise<{ classes: string[]; label: string; style: Record<string, string> } | null> {
    await this.page.waitForFunction(() => '__kvlabGraph' in window, null, { timeout: 30_000 });
    return this.page.evaluate(
      ([id, styles]) => {
        type El = { empty(): boolean; classes(): string[]; data(k: string): unknown; style(k: string): string };
        const cy = (window as unknown as { __kvlabGraph: { getElementById(id: string): El } }).__kvlabGraph;
        const el = cy.getElementById(id as string);
        if (el.empty()) return null;
        const style = Object.fromEntries((styles as string[]).map((k) => [k, String(el.style(k))]));
        return { classes: el.classes().filter((c) => c !== 'pulse'), label: String(el.data('label') ?? ''), style };
      },
      [id, styles] as const,
    );
  }

  async chooseMode(mode: 'buggy' | 'fixed' | 'guarded'): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  }
}
