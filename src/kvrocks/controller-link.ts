/**
 * The kvrocks-controller model attached to a World: host `controller` (127.0.0.1:9379, its default
 * HTTP port) talking to nodes over the simulated network, one short connection per command.
 */
import { type Actor, createActor } from 'xstate';
import { type ControllerIo } from '../machines/controller-io.ts';
import { controllerMachine, controllerStatus, type ControllerStatus } from '../machines/controller.machine.ts';
import { CONTROLLER_ADDRESS, CONTROLLER_HOST } from './hosts.ts';
import type { Reply } from '../protocol/reply.ts';
import type { World } from './world.ts';

export { CONTROLLER_HOST } from './hosts.ts';
/** How long the controller waits for a connection and a reply (a model choice, under the 3 s probe). */
export const CONTROLLER_CALL_TIMEOUT_MS = 1000;

export class ControllerLink {
  readonly actor: Actor<typeof controllerMachine>;

  constructor(private readonly world: World) {
    world.sim.net.bind(CONTROLLER_HOST, CONTROLLER_ADDRESS);
    this.actor = createActor(controllerMachine, { input: { io: this.io() }, clock: world.sim.clock });
    this.actor.start();
  }

  status(): ControllerStatus {
    return controllerStatus(this.actor.getSnapshot());
  }

  private io(): ControllerIo {
    const world = this.world;
    return {
      now: () => world.now(),
      log: (text) => world.sim.trace.record({ t: world.now(), kind: 'event', node: CONTROLLER_HOST, text }),
      call: (address, argv, done) => this.call(address, argv, done),
      has: (id) => world.has(id),
      after: (ms, fn) => void world.sim.clock.schedule(fn, ms),
    };
  }

  private call(address: string, argv: readonly string[], done: (reply: Reply | null) => void): void {
    const clock = this.world.sim.clock;
    let finished = false;
    const finish = (reply: Reply | null) => {
      if (finished) return;
      finished = true;
      clock.cancel(timer);
      socket.close();
      done(reply);
    };
    const socket = this.world.sim.net.connect(CONTROLLER_HOST, address, {
      onOpen: () => socket.send({ kind: 'command', argv }),
      onRefused: () => finish(null),
      onMessage: (message) => finish(message.kind === 'reply' ? message.reply : null),
      onClose: () => finish(null),
    });
    const timer = clock.schedule(() => finish(null), CONTROLLER_CALL_TIMEOUT_MS);
  }
}
