/**
 * Two sessions one virtual hour long, built as the page builds them (the seek benchmark and the
 * checkpoint tests share them): a fresh cluster from "New session", its topology pushed with the
 * topology panel's inputs, then an hour of writes and waits typed into the console.
 */
import { readFileSync } from 'node:fs';
import type { InputRecord } from '../../src/engine/history.ts';
import type { SessionOptions } from '../../src/lab/session.ts';
import { scriptInputs } from '../../src/lab/script.ts';
import { freshSession } from '../../src/ui/state/replay.ts';
import { planTopology, pushCommands, type Assignment } from '../../src/ui/topology/commands.ts';
import { nodeInfos, presetShards } from '../../src/ui/topology/presets.ts';
import type { Session } from '../../src/lab/session.ts';

export interface BuiltSession {
  readonly options: SessionOptions;
  readonly log: InputRecord<string>[];
  /** The virtual time at the end of the log. */
  readonly end: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Runs the topology panel's push of `assignments` to every node, as its Push button does. */
function push(session: Session, assignments: readonly Assignment[], version: number): void {
  const nodes = nodeInfos(session.world);
  const plan = planTopology(nodes, assignments);
  if (plan.errors.length > 0) throw new Error(plan.errors.join('; '));
  for (const input of pushCommands(nodes, plan, nodes.map((n) => n.name), version)) run(session, input);
}

function run(session: Session, input: string): void {
  const result = session.run(input);
  if (result.error !== null) throw new Error(`${input.slice(0, 60)}: ${result.error}`);
}

/** Writes on a few masters, then a wait, until `until` (virtual ms); `round` names the keys. */
function writeAndWait(session: Session, masters: readonly string[], until: number, step: string): void {
  let round = 0;
  while (session.now() < until) {
    for (const m of masters) run(session, `@${m} SET key:${m}:${round} value-${round}`);
    run(session, `@${masters[0]} INCR counter`);
    run(session, `.wait ${step}`);
    round++;
  }
}

/**
 * 500 nodes: shards of 1 master + 2 replicas over every node (the panel's preset), writes on
 * four masters every two minutes, a push at 20 min that removes kv3 (a replica), a crash and
 * restart of kv4 (a master) at 40 min, to one hour.
 */
export function fiveHundredNodeHour(): BuiltSession {
  const options: SessionOptions = { seed: 1, mode: 'buggy', nodes: 500 };
  const session = freshSession(options);
  const names = session.world.nodes.map((n) => n.name);
  const masters = ['kv1', 'kv4', 'kv151', 'kv298'];
  push(session, presetShards(names, 2), 1);
  run(session, '.wait 1s');
  writeAndWait(session, masters, 20 * MINUTE, '2m');
  push(session, presetShards(names, 2).map((a) => (a.name === 'kv3' ? { ...a, role: 'out' as const } : a)), 2);
  writeAndWait(session, masters, 40 * MINUTE, '2m');
  run(session, '.crash kv4');
  run(session, '.wait 10s');
  run(session, '.restart kv4');
  writeAndWait(session, masters.filter((m) => m !== 'kv4'), HOUR, '2m');
  return { options, log: [...session.log], end: session.now() };
}

/** 3 nodes: the #2618 scenario (labs/scenarios/issue-2618.kvlab), then an hour of writes and waits. */
export function threeNodeHour(): BuiltSession {
  const options: SessionOptions = { seed: 1, mode: 'buggy', nodes: 3 };
  const session = freshSession(options);
  const text = readFileSync(new URL('../../labs/scenarios/issue-2618.kvlab', import.meta.url), 'utf8');
  for (const input of scriptInputs(text, 'issue-2618.kvlab')) run(session, input.text);
  writeAndWait(session, ['kv1'], HOUR, '30s');
  return { options, log: [...session.log], end: session.now() };
}
