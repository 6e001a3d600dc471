/**
 * A simulated clock. Every timer fires at its own deadline, in (deadline, insertion) order, so a
 * long jump replays exactly what a real clock would have done step by step (xstate's own
 * SimulatedClock fires a big jump's timers at the end time instead). It implements xstate's
 * `Clock` interface, so actors created with `{ clock }` run on virtual time.
 */
export type TimerId = number;

interface Timer {
  deadline: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

function before(a: Timer, b: Timer): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

export class SimClock {
  private current = 0;
  private seq = 0;
  private heap: Timer[] = [];
  private live = new Map<TimerId, Timer>();
  /** Number of timers fired since creation: the simulation's event count. */
  fired = 0;

  now(): number {
    return this.current;
  }

  /** Runs `fn` `delay` ms of virtual time from now. */
  schedule(fn: () => void, delay: number): TimerId {
    return this.setTimeout(fn, delay);
  }

  cancel(id: TimerId): void {
    this.clearTimeout(id);
  }

  /** xstate's Clock interface (delayed events and `after`); the model's own code calls schedule. */
  setTimeout(fn: () => void, delay: number): TimerId {
    const id = ++this.seq;
    const timer: Timer = { deadline: this.current + Math.max(0, delay || 0), seq: id, fn, cancelled: false };
    this.live.set(id, timer);
    this.push(timer);
    return id;
  }

  clearTimeout(id: TimerId): void {
    const timer = this.live.get(id);
    if (timer) {
      timer.cancelled = true;
      this.live.delete(id);
    }
  }

  /** The deadline of the earliest pending timer, or undefined when nothing is scheduled. */
  nextDeadline(): number | undefined {
    this.dropCancelledTop();
    return this.heap[0]?.deadline;
  }

  pending(): number {
    return this.live.size;
  }

  /** Fires the earliest timer (moving time to its deadline). Returns false when none is pending. */
  step(): boolean {
    this.dropCancelledTop();
    const timer = this.pop();
    if (!timer) return false;
    this.live.delete(timer.seq);
    this.current = timer.deadline;
    this.fired++;
    timer.fn();
    return true;
  }

  /** Fires every timer due at or before `time`, each at its own deadline, then sets now = time. */
  advanceTo(time: number): void {
    if (time < this.current) throw new RangeError(`cannot move the clock back from ${this.current} to ${time}`);
    for (;;) {
      const next = this.nextDeadline();
      if (next === undefined || next > time) break;
      this.step();
    }
    this.current = time;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}
