/**
 * A model revision seen at most once per `ms` of real time, the last one always delivered. Text
 * views (the mirror's table, the inspector's CLUSTER NODES) need not re-render 60 times a second,
 * and on a 500-node cluster re-rendering them every frame would cost more than the graph.
 */
export class ThrottledRevision {
  /** Read this in $derived/$effect instead of sandbox.revision. */
  value = $state(-1);
  private shownAt = -Infinity;
  private pending = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ms: number) {}

  /** Call from an $effect with the current revision. */
  see(revision: number, now: number = performance.now()): void {
    if (revision === this.value) return;
    this.pending = revision;
    const wait = this.shownAt + this.ms - now;
    if (wait <= 0) this.show(now);
    else this.timer ??= setTimeout(() => this.show(performance.now()), wait);
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private show(now: number): void {
    this.stop();
    this.shownAt = now;
    this.value = this.pending;
  }
}
