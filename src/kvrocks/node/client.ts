/** Per-connection state a command can read or change (K-2024 src/server/redis_connection.h). */
import type { BlockedReply } from './blocked-reply.ts';

export class ClientConn {
  readOnly = false;
  /** ASKING: the next command may reach a slot this node is importing (kAsking). */
  asking = false;
  /** The connection a migrating source sent `CLUSTER IMPORT <range> 0` on (SetImporting). */
  importing = false;
  /** Run when the connection closes (Connection::close_cb: the import's StopForLinkError). */
  onClose: (() => void) | null = null;
  /** A blocking command's reply still to come (CLUSTERX MIGRATE ... sync). */
  blocked: BlockedReply | null = null;
  authenticated = false;
  /** RESP version the connection speaks: HELLO 3 switches it when resp3-enabled is yes. */
  protocol: 2 | 3 = 2;
  name = '';
  /** From `REPLCONF listening-port` (0 if never sent) and `ip-address`. */
  listeningPort = 0;
  announceIp = '';
  /** #2850 proposal (guarded mode): the replica's node id and topology version from REPLCONF. */
  replicaNodeId = '';
  replicaVersion = -1n;
  /** Detached after PSYNC: from then on the feed thread owns the socket. */
  detached = false;
  /** kCloseAfterReply (CLIENT KILL, QUIT): the server closes the connection once it has replied. */
  closed = false;
  /** Which process incarnation accepted it: a restart drops every connection. */
  bootGeneration = 0;
  /** Virtual ms of the connection's creation and of its last command (CLIENT LIST age=, idle=). */
  createdAt = 0;
  lastInteractionAt = 0;
  /** The last command that passed every check (Connection::SetLastCmd), for CLIENT LIST cmd=. */
  lastCommand = '';
  /** Closes a network connection from the server side; null for the console's own. */
  hangUp: (() => void) | null = null;

  constructor(
    readonly id: number,
    /** The peer's ip:port as the server sees it. */
    readonly addr: string,
    readonly local: boolean,
  ) {}

  get ip(): string {
    return this.addr.slice(0, this.addr.lastIndexOf(':'));
  }

  get peerPort(): number {
    return Number(this.addr.slice(this.addr.lastIndexOf(':') + 1));
  }

  /** INFO's `ip=`: the announced ip, else the peer ip (GetAnnounceIP). */
  get infoIp(): string {
    return this.announceIp || this.ip;
  }

  /** INFO's `port=`: the REPLCONF listening port, else the peer port (GetAnnouncePort). */
  get infoPort(): number {
    return this.listeningPort || this.peerPort;
  }

  /** GetAnnounceAddr, which CLIENT KILL ADDR also matches. */
  get announceAddr(): string {
    return `${this.infoIp}:${this.infoPort}`;
  }

  /** Connection::GetFlags: S for a replica's connection, c once it is to close, else N. */
  get flags(): string {
    const flags = `${this.detached ? 'S' : ''}${this.closed ? 'c' : ''}`;
    return flags === '' ? 'N' : flags;
  }
}
