/**
 * A node's client connections, as its workers hold them (K-2024 src/server/worker.cc): ids
 * numbered from 1 per process (server.h `client_id_{1}`), connected_clients and
 * total_connections_received, the console's local clients accepted like any other, and the
 * network side: commands wait while an exclusive command holds the node, and a reply waits for
 * the thread join its command made (worker-lock.ts).
 */
import type { Socket, SocketHandlers } from '../../engine/network.ts';
import type { Reply } from '../../protocol/reply.ts';
import type { WireMessage } from '../../protocol/wire.ts';
import { ClientConn } from './client.ts';
import type { KvrocksNode } from './node.ts';

export class Connections {
  private lastId = 0;
  private readonly live = new Set<ClientConn>();

  constructor(private readonly node: KvrocksNode) {}

  /** A new process: no connections, and ids start at 1 again. */
  reset(): void {
    this.lastId = 0;
    this.live.clear();
  }

  /** A connection for a console or a test, not over the simulated network (worker.cc AddConnection). */
  local(): ClientConn {
    const client = new ClientConn(++this.lastId, `127.0.0.1:${60000 + (this.lastId % 5000)}`, true);
    client.bootGeneration = this.node.bootGeneration;
    this.register(client);
    return client;
  }

  /** Connections still served by a worker (CLIENT LIST, CLIENT KILL): PSYNC detaches a replica's. */
  normal(): ClientConn[] {
    return [...this.live].filter((client) => !client.detached);
  }

  /** connected_clients: detached replica connections no longer count (worker.cc removeConnection). */
  count(): number {
    return this.normal().length;
  }

  /**
   * kCloseAfterReply: the connection stops counting at once; a network one is closed now, or,
   * when it asked (`afterReply`), once its reply is sent. A console sees it on its next command.
   */
  close(client: ClientConn, afterReply = false): void {
    client.closed = true;
    this.live.delete(client);
    this.closed(client);
    if (!afterReply) client.hangUp?.();
  }

  /** A connection accepted on the node's port. */
  accept(socket: Socket<WireMessage>): SocketHandlers<WireMessage> {
    const node = this.node;
    // Every host is 127.0.0.1; the peer's ephemeral port is derived from the connection number.
    const client = new ClientConn(++this.lastId, `${node.host}:${45000 + (socket.conn % 15000)}`, false);
    client.hangUp = () => socket.close();
    this.register(client);
    return {
      onMessage: (message) => {
        if (client.detached || message.kind !== 'command') return;
        // Commands wait while an exclusive command holds the node, in arrival order.
        node.lock.whenFree(() => {
          if (client.detached || socket.closed) return;
          const reply = node.execute(client, message.argv, socket);
          const blocked = client.blocked;
          if (reply === null && blocked) {
            client.blocked = null;
            blocked.whenDone((late) => socket.send(replyMessage(late)));
            return;
          }
          const send = () => {
            if (reply !== null && !client.detached) socket.send(replyMessage(reply));
            if (client.closed) socket.close();
          };
          if (node.lock.callerWaitMs > 0) node.sim.clock.schedule(send, node.lock.callerWaitMs);
          else send();
        });
      },
      onClose: () => {
        this.live.delete(client);
        this.closed(client);
        if (!client.detached) socket.close();
      },
    };
  }

  /** Connection::close_cb runs once, however the connection ends. */
  private closed(client: ClientConn): void {
    const callback = client.onClose;
    client.onClose = null;
    callback?.();
  }

  private register(client: ClientConn): void {
    client.createdAt = client.lastInteractionAt = this.node.sim.now();
    this.live.add(client);
    this.node.stats.totalConnections++;
  }
}

function replyMessage(reply: Reply): WireMessage {
  return { kind: 'reply', reply };
}
