/**
 * `.migration`: what every node's slot migration and import are doing (as CLUSTER INFO and CLUSTER
 * NODES show them, in one table), and one fault the model can inject: `lose-ack <node>` loses the
 * destination's answer to that node's next `cluster import <range> 1`, the lost reply of
 * apache/kvrocks#3147 (a connection that stalls past the source's 1 s receive timeout).
 */
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import { rangeText } from '../kvrocks/migration/importer.ts';
import type { DotCommand, DotOutcome } from './dot-commands.ts';

const USAGE = [
  '.migration [status]        every node: its migration job (range, destination, state) and its import',
  '.migration lose-ack <node> lose the answer to <node>\'s next import success (#3147): the source counts it as failed',
].join('\n');

const ok = (output: string): DotOutcome => ({ ok: true, output });
const fail = (error: string): DotOutcome => ({ ok: false, error });

function describe(node: KvrocksNode, nameOf: (id: string) => string): string {
  const m = node.migrator;
  const parts: string[] = [];
  if (m.slotRange !== null) parts.push(`migrating ${rangeText(m.slotRange)} -> ${nameOf(m.dstNodeId)}`);
  else if (m.state !== 'none') parts.push(`last migration ${m.state} -> ${nameOf(m.dstNodeId)}`);
  if (m.forbidden !== null) parts.push(`writes forbidden ${rangeText(m.forbidden)}`);
  if (m.lostAck !== null) parts.push(`acknowledgement lost ${rangeText(m.lostAck)}`);
  const migrated = node.cluster.marks.migrated.size;
  if (migrated > 0) parts.push(`${migrated} slot(s) migrated away (MOVED)`);
  const im = node.importer;
  if (im.range !== null) parts.push(`import ${rangeText(im.range)} ${im.status}`);
  const imported = node.cluster.marks.imported.size;
  if (imported > 0) parts.push(`${imported} slot(s) imported (served)`);
  if (m.loseNextAck) parts.push('next import acknowledgement will be lost');
  return `#   ${node.name.padEnd(5)} ${node.running ? parts.join('; ') || 'nothing' : 'down'}`;
}

export const migrationDotCommand: DotCommand = {
  name: '.migration',
  usage: '.migration [status|lose-ack <node>]',
  summary: 'slot migrations and imports on every node; `lose-ack <node>` injects the lost reply of #3147',
  run: (session, args) => {
    const world = session.world;
    const nameOf = (id: string) => world.nodes.find((n) => n.cluster.myId === id)?.name ?? id;
    const [sub, ...rest] = args;
    switch (sub?.toLowerCase()) {
      case undefined:
      case 'status':
        if (rest.length > 0) return fail(`usage:\n${USAGE}`);
        return ok(['# slot migration', ...world.nodes.map((n) => describe(n, nameOf))].join('\n'));
      case 'lose-ack': {
        const node = rest.length === 1 ? world.find(rest[0]!) : undefined;
        if (!node) return fail(`usage: .migration lose-ack <node>, e.g. .migration lose-ack kv1`);
        node.migrator.loseNextAck = true;
        return ok(`# the answer to ${node.name}'s next import success will be lost (kvlab fault, #3147)`);
      }
      default:
        return fail(`unknown .migration subcommand '${sub}'\n${USAGE}`);
    }
  },
};
