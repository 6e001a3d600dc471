/** The engine benchmarks of issue 2: replicated writes, a 1000-node SETNODES, the #2618 script. */
import { readFileSync } from 'node:fs';
import { suggestedNodeId } from '../../src/protocol/node-ids.ts';
import { World } from '../../src/kvrocks/world.ts';
import { runScript } from '../../src/lab/script.ts';
import { fmt, median, repeat, time } from './stats.ts';

function bootstrappedS1(): World {
  const world = new World({ nodes: 3, seed: 1, mode: 'fixed' });
  const ids = world.nodes.map((n) => suggestedNodeId(n.name));
  const payload = `${ids[0]} 127.0.0.1 30001 master - 0-16383\n${ids[1]} 127.0.0.1 30002 slave ${ids[0]}\n${ids[2]} 127.0.0.1 30003 slave ${ids[0]}`;
  world.nodes.forEach((node, i) => {
    const client = node.localClient();
    world.exec(node, client, ['CLUSTERX', 'SETNODEID', ids[i]!]);
    world.exec(node, client, ['CLUSTERX', 'SETNODES', payload, '1']);
  });
  world.runFor(1000);
  return world;
}

/** (a) 100,000 SETs on the master, 100 per virtual millisecond, replicated to two replicas. */
export function replicatedSets(): string[] {
  const samples = repeat(5, () => {
    const world = bootstrappedS1();
    world.sim.trace.keep = false;
    const master = world.nodes[0]!;
    const client = master.localClient();
    const eventsBefore = world.sim.clock.fired;
    const run = time(() => {
      for (let i = 0; i < 100_000; i++) {
        master.execute(client, ['SET', `key:${i}`, 'value']);
        if (i % 100 === 99) world.runFor(1);
      }
      world.runFor(100);
    });
    const replica = world.nodes[2]!;
    if (replica.storage.latestSeq !== 100_000) throw new Error(`replica at ${replica.storage.latestSeq}, expected 100000`);
    return { ms: run.ms, events: world.sim.clock.fired - eventsBefore };
  });
  const ms = median(samples.map((s) => s.value.ms));
  // Simulated events: the 100,000 commands plus every timer the clock fired (deliveries, feed
  // flushes, pings); batches are coalesced per feed flush, up to 16 per message, as Kvrocks does.
  const events = 100_000 + samples[0]!.value.events;
  return [
    `(a) 100,000 replicated SETs, 1 master + 2 replicas: median ${fmt(ms)} wall, ${events.toLocaleString('en-US')} simulated events (commands + timers), ${Math.round(events / (ms / 1000)).toLocaleString('en-US')} events/s (target < 1 s)`,
  ];
}

/** A payload of 250 shards (1 master + 3 replicas each) over 1000 nodes, every slot assigned. */
function thousandNodePayload(ids: readonly string[]): string {
  const lines: string[] = [];
  const shards = ids.length / 4;
  const per = Math.floor(16384 / shards);
  for (let s = 0; s < shards; s++) {
    const start = s * per;
    const end = s === shards - 1 ? 16383 : start + per - 1;
    lines.push(`${ids[s * 4]} 127.0.0.1 ${30001 + s * 4} master - ${start}-${end}`);
    for (let r = 1; r < 4; r++) lines.push(`${ids[s * 4 + r]} 127.0.0.1 ${30001 + s * 4 + r} slave ${ids[s * 4]}`);
  }
  return lines.join('\n');
}

/**
 * (b) One 1000-line payload applied with CLUSTERX SETNODES on each of 1000 fresh nodes (after
 * SETNODEID): parse, commit, nodes.conf, and AddMaster on the 750 replicas. A new world each run.
 */
export function thousandNodeSetnodes(): string[] {
  const n = 1000;
  const runs = [1, 2, 3].map(() => {
    const build = time(() => new World({ nodes: n, seed: 1, mode: 'fixed' }));
    const world = build.value;
    const ids = world.nodes.map((node) => suggestedNodeId(node.name));
    const payload = thousandNodePayload(ids);
    const clients = world.nodes.map((node) => node.localClient());
    world.nodes.forEach((node, i) => node.execute(clients[i]!, ['CLUSTERX', 'SETNODEID', ids[i]!]));
    const apply = time(() => {
      world.nodes.forEach((node, i) => {
        const reply = node.execute(clients[i]!, ['CLUSTERX', 'SETNODES', payload, '1']);
        if (reply?.type !== 'status') throw new Error(`SETNODES failed on ${node.name}`);
      });
    });
    const settle = time(() => world.runFor(1000));
    const connected = world.nodes.filter((node) => node.replica?.state === 'kReplConnected').length;
    if (connected !== 750) throw new Error(`${connected} replicas connected, expected 750`);
    return { build: build.ms, apply: apply.ms, settle: settle.ms };
  });
  const apply = median(runs.map((r) => r.apply));
  return [
    `(b) 1,000-node SETNODES payload applied on all 1,000 nodes: median ${fmt(apply)} total, ${fmt(apply / n)} per node (target < 2 s)`,
    `    building the 1,000-node world: ${fmt(median(runs.map((r) => r.build)))}; the next 1 s of virtual time (750 handshakes to kReplConnected): ${fmt(median(runs.map((r) => r.settle)))}`,
  ];
}

/** (c) The #2618 script, headless, as `kvlab run` runs it. */
export function issue2618Script(): string[] {
  const text = readFileSync(new URL('../../labs/scenarios/issue-2618.kvlab', import.meta.url), 'utf8');
  runScript(text, { nodes: 3, seed: 1, mode: 'buggy' }); // warm-up
  const samples = repeat(20, () => runScript(text, { nodes: 3, seed: 1, mode: 'buggy' }));
  return [`(c) #2618 script headless (labs/scenarios/issue-2618.kvlab): median ${fmt(median(samples.map((s) => s.ms)))} (target < 50 ms)`];
}

/**
 * (d) One-element pushes and pops at both ends of a 1,000,000-element list on the master (with
 * two replicas): each copied the whole list before lists were kept in chunks (data/list-chunks.ts).
 */
export function bigListEnds(): string[] {
  const world = bootstrappedS1();
  world.sim.trace.keep = false;
  const master = world.nodes[0]!;
  const client = master.localClient();
  master.execute(client, ['RPUSH', 'l', ...Array.from({ length: 1_000_000 }, (_, i) => `e${i}`)]);
  world.runFor(100);
  const lines: string[] = [];
  for (const argv of [['RPUSH', 'l', 'x'], ['LPUSH', 'l', 'x'], ['RPOP', 'l'], ['LPOP', 'l']]) {
    const samples = repeat(200, () => master.execute(client, argv));
    lines.push(`${argv.join(' ')}: median ${fmt(median(samples.map((s) => s.ms)))}`);
  }
  world.runFor(100);
  return [`(d) on a 1,000,000-element list, one command each, median of 200: ${lines.join('; ')}`];
}

/**
 * (e) SCAN COUNT 10 over 500,000 keys: the first page builds the key order (data/key-order.ts),
 * later pages seek in it, and a write of a new key between pages is put in place. Each page
 * sorted every key before (2.6 s at 500,000).
 */
export function scanPages(): string[] {
  const world = bootstrappedS1();
  world.sim.trace.keep = false;
  const master = world.nodes[0]!;
  const client = master.localClient();
  for (let i = 0; i < 500; i++) master.execute(client, ['MSET', ...Array.from({ length: 1000 }, (_, j) => [`{t${i}}:${j}`, 'v']).flat()]);
  let cursor = '0';
  const page = () => {
    const reply = master.execute(client, ['SCAN', cursor, 'COUNT', '10']);
    cursor = reply?.type === 'array' && reply.items[0]?.type === 'bulk' ? reply.items[0].text : '0';
  };
  const first = time(page).ms;
  const next = median(repeat(200, page).map((s) => s.ms));
  let n = 0;
  const afterWrite = median(repeat(200, () => (master.execute(client, ['SET', `{t0}:new${n++}`, 'v']), page())).map((s) => s.ms));
  world.runFor(100);
  return [`(e) SCAN COUNT 10 over 500,000 keys: first page ${fmt(first)} (builds the key order), next pages median ${fmt(next)}, a SET of a new key then a page median ${fmt(afterWrite)}`];
}
