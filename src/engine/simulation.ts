/** The deterministic kernel every world runs on: one clock, one seeded RNG, one network, one trace. */
import { SimClock } from './clock.ts';
import { Network, type NetworkOptions } from './network.ts';
import { Rng } from './rng.ts';
import { Trace } from './trace.ts';

export class Simulation<M> {
  readonly clock = new SimClock();
  readonly trace = new Trace();
  readonly rng: Rng;
  readonly net: Network<M>;

  constructor(
    readonly seed: number | string,
    networkOptions: NetworkOptions<M>,
  ) {
    this.rng = new Rng(seed);
    this.net = new Network<M>(this.clock, this.rng, this.trace, networkOptions);
  }

  now(): number {
    return this.clock.now();
  }

  /** Fires whatever is due right now (zero-delay work queued by the last command). */
  settle(): void {
    this.clock.advanceTo(this.clock.now());
  }

  runFor(ms: number): void {
    this.clock.advanceTo(this.clock.now() + ms);
  }

  runUntil(time: number): void {
    this.clock.advanceTo(time);
  }
}
