/**
 * The migration job's socket to the destination: a plain blocking connection (no keepalive), and
 * the one fault the model injects there (`.migration lose-ack`): once the import success is sent,
 * the connection stalls for good, so its answer, and everything after, is lost (#3147).
 */
import type { ConnectHandlers } from '../../engine/network.ts';
import type { LinkSocket } from '../../machines/link.ts';
import type { WireMessage } from '../../protocol/wire.ts';
import type { KvrocksNode } from '../node/node.ts';

const isImportSuccess = (message: WireMessage) => message.kind === 'command' && message.argv[1] === 'import' && message.argv[3] === '1';

/** `loseAck()` is asked when the import success goes out: true arms the stall. */
export function dialDestination(node: KvrocksNode, address: string, handlers: ConnectHandlers<WireMessage>, loseAck: () => boolean): LinkSocket {
  let lost = false;
  const socket = node.sim.net.connect(node.name, address, {
    onOpen: () => handlers.onOpen(),
    onRefused: () => handlers.onRefused(),
    onMessage: (message) => lost || handlers.onMessage(message),
    onClose: (reason) => lost || handlers.onClose(reason),
  });
  return {
    send: (message) => {
      if (lost) return true;
      const ok = socket.send(message);
      if (isImportSuccess(message) && loseAck()) {
        lost = true;
        node.trace('kvlab fault: the answer to the import success is lost');
      }
      return ok;
    },
    // A stalled connection sends no FIN either.
    close: () => (lost ? socket.abort() : socket.close()),
    abort: () => socket.abort(),
  };
}
