/**
 * Fault injection as console inputs: every button runs one of these through sandbox.run, so the
 * fault appears in the console, the transcript and the replay log exactly as if typed.
 */
import { countOf } from '../../lab/plural.ts';
import type { KvrocksNode } from '../../kvrocks/node/node.ts';
import type { World } from '../../kvrocks/world.ts';

export interface Fault {
  readonly id: 'crash' | 'restart' | 'kill-master-link' | 'kill-replicas' | 'heal';
  readonly label: string;
  /** The console input the button runs. */
  readonly input: string;
  readonly enabled: boolean;
  /** What it does, or why it is disabled. */
  readonly title: string;
}

export const partitionInput = (a: string, b: string): string => `.partition ${a} ${b}`;

/** The faults offered for one node, in button order. */
export function nodeFaults(world: World, node: KvrocksNode): Fault[] {
  const name = node.name;
  const link = node.replica;
  const feeds = node.running ? node.master.live().length : 0;
  const partitions = world.sim.net.partitionList().length;
  return [
    {
      id: 'crash',
      label: 'Crash',
      input: `.crash ${name}`,
      enabled: node.running,
      title: node.running ? 'kill the process: sockets close (FIN); data and nodes.conf survive' : `${name} is ${node.processState}`,
    },
    {
      id: 'restart',
      label: node.running ? 'Restart' : 'Start',
      input: `.restart ${name}`,
      enabled: node.processState !== 'restarting',
      title: node.processState === 'restarting' ? `${name} is already restarting` : 'start the process again; it reloads nodes.conf',
    },
    {
      // CLIENT KILL TYPE master stops the replication thread and starts a new one (AddMaster force).
      id: 'kill-master-link',
      label: 'Kill its master link',
      input: `@${name} CLIENT KILL TYPE master`,
      enabled: node.running && link !== null,
      title: link ? `drop the link to ${link.masterHost}:${link.masterPort}; the replica reconnects` : `${name} is not replicating`,
    },
    {
      // CLIENT KILL TYPE slave stops every feed thread (kvrocks-semantics S12).
      id: 'kill-replicas',
      label: 'Kill its replicas’ feeds',
      input: `@${name} CLIENT KILL TYPE slave`,
      enabled: feeds > 0,
      title: feeds > 0 ? `stop ${feeds === 1 ? 'the feed thread' : `the ${countOf(feeds, 'feed thread')}`}; replicas see EOF and reconnect after 1 s` : `${name} feeds no replica`,
    },
    {
      id: 'heal',
      label: 'Heal network',
      input: '.heal',
      enabled: partitions > 0,
      title: partitions > 0 ? `remove ${partitions === 1 ? 'the partition' : `the ${countOf(partitions, 'partition')}`}; held packets are delivered` : 'no partition to heal',
    },
  ];
}

/** Nodes `node` can still be partitioned from: every other node not already cut off from it. */
export function partitionPeers(world: World, node: KvrocksNode): string[] {
  const cut = new Set(world.sim.net.partitionList().filter((pair) => pair.includes(node.name)).map((pair) => (pair[0] === node.name ? pair[1]! : pair[0]!)));
  return world.nodes.filter((n) => n !== node && !cut.has(n.name)).map((n) => n.name);
}
