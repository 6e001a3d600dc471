/**
 * `.controller ...`: the kvrocks-controller model. Its API calls answer asynchronously (it talks
 * to the nodes first); `.controller status` shows what it did.
 */
import type { ControllerResult } from '../machines/controller-io.ts';
import { createCluster, type StoredCluster } from '../machines/controller-store.ts';
import { suggestedNodeId } from '../protocol/node-ids.ts';
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import type { World } from '../kvrocks/world.ts';
import type { DotCommand, DotOutcome } from './dot-commands.ts';
import { formatTime } from './duration.ts';
import { parseSlotRange } from '../machines/controller-parse.ts';
import type { SlotRange } from '../protocol/slots.ts';

const slotText = (r: SlotRange) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`);

const USAGE = [
  '.controller status                      what it stores, failure counts, last actions',
  '.controller start | stop                turn probing (every 3 s) and failover on or off',
  '.controller create <per-shard> [nodes]  create a cluster (all nodes by default): first node of each group is master',
  '.controller remove <node>               DELETE a node: the new topology goes to the remaining nodes only (#2841)',
  '.controller failover <shard>            promote the replica with the highest sequence',
  '.controller migrate <slots> <shard>     migrate a slot (or a-b) to a shard: CLUSTERX MIGRATE, then SETNODES once it succeeds',
  '.controller sync                        force-push the stored topology to every node (only with force-resync-400, PR #400)',
].join('\n');

const ok = (output: string): DotOutcome => ({ ok: true, output });
const fail = (error: string): DotOutcome => ({ ok: false, error });

function nameOf(world: World, host: string, port: number): string {
  return world.find(`${host}:${port}`)?.name ?? `${host}:${port}`;
}

function statusText(world: World): string {
  const status = world.controller.status();
  const lines = [`# controller ${status.running ? 'on' : 'off'}${status.probing ? ' (probing)' : ''}`];
  const cluster = status.cluster;
  if (!cluster) lines.push('# no cluster stored');
  else {
    lines.push(`# cluster ${cluster.name} version ${cluster.version}`);
    cluster.shards.forEach((shard, i) => {
      const nodes = shard.nodes.map((n) => `${nameOf(world, n.host, n.port)}(${n.role}${status.failures[n.id] ? `, ${status.failures[n.id]} failed probes` : ''})`);
      const migrating = shard.migratingSlot ? `, migrating ${slotText(shard.migratingSlot)} to shard ${shard.targetShardIndex}` : '';
      lines.push(`#   shard ${i}: ${nodes.join(' ')} slots ${shard.slotRanges.map(slotText).join(' ')}${migrating}`);
    });
  }
  for (const action of status.actions) lines.push(`#   ${formatTime(action.at)} ${action.text}`);
  return lines.join('\n');
}

/** Sends an API call; the answer, if it comes within this instant, is printed, else it is logged. */
function api(world: World, send: (reply: (r: ControllerResult) => void) => void): DotOutcome {
  let result: ControllerResult | null = null;
  send((r) => {
    result = r;
  });
  world.sim.settle();
  const settled = result as ControllerResult | null;
  if (settled === null) return ok('# request accepted; see .controller status for the outcome');
  return settled.ok ? ok(`# ${settled.text}`) : fail(`controller: ${settled.error}`);
}

/** A 404 from a route only an open PR adds says which switch adds it. */
function withHint(outcome: DotOutcome, hint: string): DotOutcome {
  return !outcome.ok && outcome.error.endsWith('404 page not found') ? fail(`${outcome.error} ${hint}`) : outcome;
}

function create(world: World, args: readonly string[]): DotOutcome {
  const perShard = Number(args[0]);
  if (!/^\d+$/.test(args[0] ?? '') || perShard < 1) return fail('usage: .controller create <nodes-per-shard> [nodes...], e.g. .controller create 3');
  const nodes: KvrocksNode[] = [];
  for (const ref of args.slice(1)) {
    const node = world.find(ref);
    if (!node) return fail(`unknown node '${ref}'`);
    nodes.push(node);
  }
  const chosen = nodes.length > 0 ? nodes : world.nodes;
  const made = createCluster('kvlab', chosen.map((n) => n.address), perShard, chosen.map((n) => suggestedNodeId(n.name)));
  if (!made.ok) return fail(`controller: ${made.error}`);
  return api(world, (reply) => world.controller.actor.send({ type: 'CREATE', cluster: made.cluster as StoredCluster, reply }));
}

export const controllerDotCommand: DotCommand = {
  name: '.controller',
  usage: '.controller status|start|stop|create|remove|failover|migrate|sync',
  summary: 'the kvrocks-controller model (off until started); `.controller` alone shows usage and status',
  run: (session, args) => {
    const world = session.world;
    const [sub, ...rest] = args;
    switch (sub?.toLowerCase()) {
      case undefined:
        return ok(`${USAGE}\n${statusText(world)}`);
      case 'status':
        return ok(statusText(world));
      case 'start':
        world.controller.actor.send({ type: 'START' });
        return ok('# controller on: probing every 3 s');
      case 'stop':
        world.controller.actor.send({ type: 'STOP' });
        return ok('# controller off');
      case 'create':
        return create(world, rest);
      case 'remove': {
        const node = rest.length === 1 ? world.find(rest[0]!) : undefined;
        if (!node) return fail('usage: .controller remove <node>');
        const stored = world.controller.status().cluster?.shards.flatMap((s) => s.nodes).find((n) => n.host === node.host && n.port === node.port);
        if (!stored) return fail(`controller: ${node.name} is not in the stored cluster`);
        return api(world, (reply) => world.controller.actor.send({ type: 'REMOVE_NODE', id: stored.id, reply }));
      }
      case 'migrate': {
        const slot = rest.length === 2 ? parseSlotRange(rest[0]!) : 'usage';
        if (typeof slot === 'string' || !/^\d+$/.test(rest[1]!)) return fail('usage: .controller migrate <slot|a-b> <target-shard>, e.g. .controller migrate 3300 1');
        return api(world, (reply) => world.controller.actor.send({ type: 'MIGRATE_SLOT', slot, target: Number(rest[1]), reply }));
      }
      case 'failover': {
        if (rest.length !== 1 || !/^\d+$/.test(rest[0]!)) return fail('usage: .controller failover <shard>');
        return api(world, (reply) => world.controller.actor.send({ type: 'FAILOVER', shard: Number(rest[0]), reply }));
      }
      case 'sync':
        if (rest.length > 0) return fail('usage: .controller sync');
        return withHint(
          api(world, (reply) => world.controller.actor.send({ type: 'SYNC_API', reply })),
          '(POST .../sync is added by the open kvrocks-controller PR #400: .switch force-resync-400 on)',
        );
      default:
        return fail(`unknown .controller subcommand '${sub}'\n${USAGE}`);
    }
  },
};
