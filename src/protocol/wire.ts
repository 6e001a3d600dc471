/** What travels on a simulated TCP connection between Kvrocks nodes (and the controller). */
import type { Reply } from './reply.ts';
import type { Checkpoint, WalBatch } from './wal.ts';

export type WireMessage =
  /** A command sent by a client, a replica's handshake step or the controller. */
  | { readonly kind: 'command'; readonly argv: readonly string[] }
  | { readonly kind: 'reply'; readonly reply: Reply }
  /** A raw line without RESP framing: the `_db_name` and `_fetch_meta` answers. */
  | { readonly kind: 'line'; readonly text: string }
  /** WAL write batches streamed by a feed thread, each a RESP bulk on the real wire. */
  | { readonly kind: 'batches'; readonly batches: readonly WalBatch[] }
  /** The bulk `ping` a feed thread sends when idle (K-2024 replication.cc FeedSlaveThread::loop). */
  | { readonly kind: 'ping' }
  /** Checkpoint files answering `_fetch_file` (`<size>\r\n<bytes>` per file on the real wire). */
  | { readonly kind: 'files'; readonly checkpoint: Checkpoint };

export function wireLabel(message: WireMessage): string {
  switch (message.kind) {
    case 'command':
      return message.argv.slice(0, 3).join(' ');
    case 'reply':
      return message.reply.type === 'error' ? `-${message.reply.text.split(' ')[0]}` : 'reply';
    case 'line':
      return 'line';
    case 'batches': {
      const first = message.batches[0];
      const last = message.batches[message.batches.length - 1];
      return first && last ? `WAL ${first.seq}-${last.seq + last.count - 1}` : 'WAL';
    }
    case 'ping':
      return 'ping';
    case 'files':
      return `files (${message.checkpoint.keys.size} keys)`;
  }
}
