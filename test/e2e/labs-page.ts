/** Driving the guided labs in the page the way a person does: the Labs tab, Run, Check, Next. */
import type { Locator, Page } from 'playwright-core';
import { SandboxPage } from './sandbox-page.ts';

export interface CheckRow {
  readonly source: string;
  readonly outcome: string;
  /** The field-level difference as shown (`read … expected … got …`), or what a pass saw. */
  readonly detail: string;
  readonly tone: string;
}

export class LabsPage extends SandboxPage {
  constructor(page: Page) {
    super(page);
  }

  get list(): Locator {
    return this.page.getByRole('region', { name: 'Guided labs' });
  }

  get panel(): Locator {
    return this.page.getByRole('region', { name: /^Lab: / });
  }

  get stepTitle(): Locator {
    return this.panel.locator('#lab-step-title');
  }

  get summary(): Locator {
    return this.panel.locator('footer [role=status]');
  }

  /** The sandbox as a returning visitor, with the Labs tab open on the list. */
  async openLabs(url: string): Promise<void> {
    await this.open(url);
    await this.page.getByRole('button', { name: 'Labs', exact: true }).click();
    await this.list.waitFor();
  }

  /** Picks a mode in the lab's card, then Start (or Resume). */
  async start(title: string, mode: string): Promise<void> {
    const card = this.list.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: title, exact: true }) });
    await card.getByRole('radio', { name: mode, exact: true }).check({ force: true });
    await card.getByRole('button', { name: /^(Start|Resume)$/ }).click();
    await this.panel.waitFor();
  }

  /** Clicks every Run button of the step (and of its solution, when shown), in order. */
  async runAll(): Promise<void> {
    const buttons = this.panel.getByRole('button', { name: /^Run( again)?$/ });
    const count = await buttons.count();
    for (let i = 0; i < count; i++) {
      const before = await this.entries.count();
      await buttons.nth(i).click();
      await this.page.waitForFunction((n) => document.querySelectorAll('[aria-label="Console output"] .entry').length > n, before);
    }
  }

  async check(): Promise<string> {
    await this.panel.getByRole('button', { name: 'Check', exact: true }).click();
    // Passing checks fold into one line: wait for any outcome, shown or folded.
    await this.panel.locator('.check:not(.pending):not(.skipped), footer [role=status].bad').first().waitFor({ state: 'attached' });
    return (await this.summary.textContent())!.trim();
  }

  async next(): Promise<void> {
    const title = await this.stepTitle.textContent();
    await this.panel.getByRole('button', { name: 'Next', exact: true }).click();
    await this.page.waitForFunction((t) => document.querySelector('#lab-step-title')?.textContent !== t, title);
  }

  async checks(): Promise<CheckRow[]> {
    return this.panel.locator('ul.checks > li').evaluateAll((items) =>
      items.map((li) => ({
        source: li.querySelector('.source')?.textContent?.trim() ?? '',
        outcome: li.querySelector('.outcome')?.textContent?.trim() ?? '',
        detail: [...(li.querySelector('.diff')?.children ?? [li.querySelector('.seen')])]
          .map((e) => e?.textContent ?? '')
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
        tone: [...li.classList].find((c) => ['pending', 'skipped', 'pass', 'lesson', 'fail'].includes(c)) ?? '',
      })),
    );
  }

  /** The lab panel's status lines: whether time runs, and what the last reset or switch did. */
  get timeLine(): Locator {
    return this.panel.locator('p.time');
  }

  get note(): Locator {
    return this.panel.locator('p.note');
  }

  /** Goes to step `n` (1-based) through the step list. */
  async goToStep(n: number): Promise<void> {
    await this.panel.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(`^Step ${n}:`) }).click();
    await this.page.waitForFunction((k) => document.querySelector('.lab .kicker')?.textContent?.includes(`Step ${k} of`), n);
  }

  /** Lets virtual time run (Play) until it reaches `ms`, then pauses. */
  async playUntil(ms: number): Promise<void> {
    await this.page.getByRole('button', { name: 'Play', exact: true }).click();
    await this.page.waitForFunction((t) => {
      const match = /t=(\d+\.\d+)s/.exec(document.querySelector('[aria-label="Time controls"] output')?.textContent ?? '');
      return match !== null && Number(match[1]) * 1000 >= t;
    }, ms);
    await this.page.getByRole('button', { name: 'Pause', exact: true }).click();
  }
}
