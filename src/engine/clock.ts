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

/**
 * Fast-forwards idle time: called when the next timer to fire is an idle one and the next busy
 * timer is at `horizon`. It may account for idle timers in closed form (each firing before
 * `horizon` and at or before `limit`, as if fired) and re-arm them later; it returns true only
 * if it moved at least one idle timer on, false to let the clock fire the next timer as usual.
 */
export type FastForward = (horizon: number, limit: number) => boolean;

/** A binary min-heap of timers in (deadline, insertion) order. */
class TimerHeap {
  private readonly items: Timer[] = [];

  top(): Timer | undefined {
    while (this.items.length > 0 && this.items[0]!.cancelled) this.pop();
    return this.items[0];
  }

  push(timer: Timer): void {
    const heap = this.items;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): Timer | undefined {
    const heap = this.items;
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

export class SimClock {
  private current = 0;
  private seq = 0;
  /** Timers that may change something. */
  private busy = new TimerHeap();
  /**
   * Idle timers (a feed thread's liveness ping): they fire in the same (deadline, insertion) order
   * as the others, but `fastForward` may account for a run of them at once while nothing else is due.
   */
  private idle = new TimerHeap();
  private live = new Map<TimerId, Timer>();
  /** Number of timers fired since creation: the simulation's event count. */
  fired = 0;
  fastForward: FastForward | null = null;

  now(): number {
    return this.current;
  }

  /** Runs `fn` `delay` ms of virtual time from now. */
  schedule(fn: () => void, delay: number): TimerId {
    return this.setTimeout(fn, delay);
  }

  /** Runs `fn` at virtual time `deadline` (not before now) as an idle timer. */
  scheduleIdleAt(fn: () => void, deadline: number): TimerId {
    return this.add(fn, Math.max(this.current, deadline), this.idle);
  }

  cancel(id: TimerId): void {
    this.clearTimeout(id);
  }

  /** xstate's Clock interface (delayed events and `after`); the model's own code calls schedule. */
  setTimeout(fn: () => void, delay: number): TimerId {
    return this.add(fn, this.current + Math.max(0, delay || 0), this.busy);
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
    return this.next()?.deadline;
  }

  /** The deadline of the earliest pending timer that is not idle. */
  nextBusyDeadline(): number | undefined {
    return this.busy.top()?.deadline;
  }

  pending(): number {
    return this.live.size;
  }

  /** Fires the earliest timer (moving time to its deadline). Returns false when none is pending. */
  step(): boolean {
    const timer = this.next();
    if (!timer) return false;
    (timer === this.busy.top() ? this.busy : this.idle).pop();
    this.live.delete(timer.seq);
    this.current = timer.deadline;
    this.fired++;
    timer.fn();
    return true;
  }

  /** Fires every timer due at or before `time`, each at its own deadline, then sets now = time. */
  advanceTo(time: number): void {
    this.advanceWithin(time, Infinity);
  }

  /**
   * `advanceTo(time)` in installments: fires at most `budget` timers (a fast-forward counts as
   * one) and returns false if some are still due, leaving the clock exactly where the whole
   * advance would have been at that point; calling it again with the same `time` goes on. So a
   * long advance can be spread over idle callbacks and still fire, fast-forward and trace the
   * same as one call (the fast-forward sees the same now, horizon and limit).
   */
  advanceWithin(time: number, budget: number): boolean {
    if (time < this.current) throw new RangeError(`cannot move the clock back from ${this.current} to ${time}`);
    for (let spent = 0; ; spent++) {
      const next = this.next();
      if (next === undefined || next.deadline > time) break;
      if (spent >= budget) return false;
      if (this.fastForward !== null && next === this.idle.top() && this.fastForward(this.nextBusyDeadline() ?? Infinity, time)) continue;
      this.step();
    }
    this.current = time;
    return true;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  private add(fn: () => void, deadline: number, heap: TimerHeap): TimerId {
    const id = ++this.seq;
    const timer: Timer = { deadline, seq: id, fn, cancelled: false };
    this.live.set(id, timer);
    heap.push(timer);
    return id;
  }

  private next(): Timer | undefined {
    const a = this.busy.top();
    const b = this.idle.top();
    if (!a || !b) return a ?? b;
    return before(a, b) ? a : b;
  }
}
