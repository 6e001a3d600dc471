/**
 * The guided labs in the page: the list (parsed lab files, or their `file:line: reason`), the lab
 * in progress, starting, resuming after a reload, and leaving. A lab owns the sandbox's session
 * while it runs; leaving gives the sandbox its own session back, and the lab's progress stays saved.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import { LabRunner, type Lab } from '../../lab/labs/index.ts';
import type { Sandbox, Storage } from '../state/sandbox.svelte.ts';
import { loadCatalog, type LabEntry } from './catalog.ts';
import { LabSession } from './lab-session.svelte.ts';
import { LabStore, type ProgressSummary } from './progress-store.ts';

export interface LabHost {
  readonly sandbox: Sandbox;
  readonly storage: Storage | null;
  notify(kind: 'ok' | 'info' | 'error', text: string): void;
  /** The console's session was swapped (a lab started or ended). */
  swapped?(): void;
  /** A question waits in the lab panel: bring it into view. */
  attention?(): void;
}

export class Labs {
  /** null while the lab files load. */
  entries: readonly LabEntry[] | null = $state.raw(null);
  active: LabSession | null = $state.raw(null);
  /** Why the lab asked for could not start (`file:line: reason`); shown instead of a panel. */
  failure: string | null = $state(null);
  /** Bumped when saved progress changes, so the list's summaries are read again. */
  private saved = $state(0);
  readonly store: LabStore;

  constructor(
    private readonly host: LabHost,
    private readonly catalog: () => Promise<LabEntry[]> = loadCatalog,
  ) {
    this.store = new LabStore(host.storage);
  }

  /** Loads the lab files and resumes the lab in progress at the last visit, if any. */
  async load(): Promise<void> {
    this.entries = await this.catalog();
    const active = this.store.readActive();
    if (!active || this.active) return;
    const entry = this.entries.find((e) => e.ok && e.lab.id === active.id) ?? this.entries.find((e) => !e.ok && e.file.includes(active.id));
    if (!entry) this.store.writeActive(null);
    else if (!entry.ok) this.failure = entry.error;
    else this.start(entry.lab, active.mode);
  }

  summary(lab: Lab, mode: BehaviourMode): ProgressSummary | null {
    void this.saved;
    return this.store.summary(lab, mode);
  }

  /** Starts (or resumes) a lab in one of its modes; `fresh` forgets saved progress in that mode. */
  start(lab: Lab, mode: BehaviourMode, fresh = false): LabSession | null {
    this.failure = null;
    this.active?.save();
    if (fresh) this.store.discard(lab, mode);
    const restored = this.store.restore(lab, mode);
    if (restored.kind === 'unreadable') {
      this.host.notify('error', `The saved progress of "${lab.title}" (${mode}) could not be restored: ${restored.reason}. It is kept aside as ${restored.keptAs}; the lab starts afresh.`);
    }
    let runner: LabRunner;
    try {
      runner = restored.kind === 'restored' ? restored.runner : new LabRunner(lab, { mode });
    } catch (e) {
      this.failure = e instanceof Error ? e.message : String(e);
      this.store.writeActive(null);
      return null;
    }
    const session = new LabSession(lab, runner, this.host.sandbox, this.store);
    session.onreleased = () => this.released(session);
    session.onrestart = (other) => this.start(lab, other, true);
    session.onattention = () => this.host.attention?.();
    this.active = session;
    this.host.sandbox.attach(session.owner);
    this.store.writeActive({ id: lab.id, mode });
    session.save();
    this.saved++;
    this.host.swapped?.();
    return session;
  }

  /** The lab after `lab` in the list (null for the last one). */
  nextLab(lab: Lab): Lab | null {
    const labs = (this.entries ?? []).flatMap((e) => (e.ok ? [e.lab] : []));
    const at = labs.findIndex((l) => l.id === lab.id);
    return at >= 0 ? (labs[at + 1] ?? null) : null;
  }

  /** Back to the sandbox: its own session returns; the lab's progress stays for later. */
  exit(): void {
    const session = this.active;
    this.failure = null;
    this.store.writeActive(null);
    if (!session) return;
    session.save();
    this.active = null;
    this.saved++;
    if (this.host.sandbox.owner === session.owner) this.host.sandbox.detach();
    this.host.swapped?.();
  }

  /** The sandbox replaced the lab's session (New session, Import, Reproduce): the lab steps aside. */
  private released(session: LabSession): void {
    if (this.active !== session) return;
    this.active = null;
    this.store.writeActive(null);
    this.saved++;
    this.host.notify('info', `Left the lab "${session.lab.title}". Its progress is kept: resume it from Labs.`);
  }
}
