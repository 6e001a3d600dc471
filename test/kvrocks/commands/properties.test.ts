// Design §6 "bad input is a normal input": random command lines through the console never throw, and a
// command Kvrocks rejects (an error reply) changes nothing: §2.1 "On any parse error ... nothing is
// changed", §1.2 version gate, and the refusals of SETSLOT, RESET, SLAVEOF, CLIENT KILL, CONFIG SET.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinArgs } from '../../../src/kvrocks/args.ts';
import { isRawOutputCommand } from '../../../src/kvrocks/render.ts';
import { Session } from '../../../src/lab/session.ts';
import { id, shardLines } from '../../support/cluster.ts';
import { snapshotNode } from '../../support/more.ts';

const S1 = shardLines('kv1', ['kv2', 'kv3']);
const V2 = shardLines('kv1', ['kv2']);
const FAILOVER = shardLines('kv2', ['kv1', 'kv3']);
const NODES = ['kv1', 'kv2', 'kv3'] as const;

/** A session with S1 bootstrapped by hand and settled. */
function bootstrapped(mode: 'buggy' | 'fixed' | 'guarded'): Session {
  const s = new Session({ nodes: 3, seed: 5, mode });
  for (const n of NODES) s.run(`@${n} CLUSTERX SETNODEID ${id(n)}`);
  for (const n of NODES) s.run(`@${n} ${joinArgs(['CLUSTERX', 'SETNODES', S1, '1'])}`);
  s.run('.wait 1s');
  s.run('@kv1 SET greeting hello');
  s.run('.wait 10ms');
  return s;
}

const WORDS = [
  'CLUSTERX', 'CLUSTER', 'clusterx', 'SETNODES', 'SETNODEID', 'SETSLOT', 'NODE', 'VERSION', 'MYID', 'MIGRATE', 'IMPORT',
  'NODES', 'SLOTS', 'INFO', 'REPLICAS', 'RESET', 'HARD', 'SOFT', 'KEYSLOT', 'SHARDS', 'force', 'FORCE', 'sync', 'async',
  'SLAVEOF', 'REPLICAOF', 'NO', 'ONE', 'CLIENT', 'KILL', 'TYPE', 'MASTER', 'SLAVE', 'ADDR', 'ID', 'CONFIG', 'SET', 'GET',
  'DEL', 'READONLY', 'ROLE', 'PSYNC', 'REPLCONF', 'listening-port', '_db_name', '_fetch_meta', '_fetch_file', 'AUTH',
  '127.0.0.1', '30001', '30002', '0', '1', '2', '3', '-1', '16383', '16384', '0-16383', '5-5', '9223372036854775807',
  '9223372036854775808', 'greeting', '{t}a', 'slave-read-only', 'persist-cluster-nodes-enabled', 'no', 'yes', '',
  id('kv1'), id('kv2'), id('kv3'), 'f'.repeat(40), 'é'.repeat(20), 'x'.repeat(39), '\n', '\r', ' ',
];

const token = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

const version = fc.oneof(fc.constantFrom('0', '1', '2', '3', '-1', '9223372036854775807', 'abc', '', '2.0'), fc.integer({ min: -2, max: 6 }).map(String));

type Edit = { kind: 'delete' | 'duplicate' | 'replace'; at: number; char: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'replace'),
  at: fc.nat(),
  char: fc.constantFrom(...' \n\r-0123456789abcdefx'),
});

function mutate(payload: string, edits: readonly Edit[]): string {
  let text = payload;
  for (const e of edits) {
    if (text.length === 0) break;
    const at = e.at % text.length;
    if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1);
    else if (e.kind === 'duplicate') text = text.slice(0, at + 1) + text.slice(at);
    else text = text.slice(0, at) + e.char + text.slice(at + 1);
  }
  return text;
}

const setnodes = fc
  .tuple(fc.constantFrom(S1, V2, FAILOVER), fc.array(edit, { maxLength: 4 }), version, fc.option(fc.constantFrom('force', 'FORCE', '1', 'forced', ''), { nil: undefined }))
  .map(([payload, edits, v, force]) => ['CLUSTERX', 'SETNODES', mutate(payload, edits), v, ...(force === undefined ? [] : [force])]);

const setnodeid = fc.oneof(fc.constantFrom(...NODES.map(id), 'f'.repeat(40)), fc.string({ minLength: 38, maxLength: 42 })).map((nodeId) => ['CLUSTERX', 'SETNODEID', nodeId]);

const setslot = fc
  .tuple(fc.constantFrom('5', '0-16383', '16384', '5-3', 'x', '-1'), fc.constantFrom('NODE', 'node', 'NOD'), fc.constantFrom(...NODES.map(id), 'f'.repeat(40), 'abc'), version)
  .map(([slots, word, nodeId, v]) => ['CLUSTERX', 'SETSLOT', slots, word, nodeId, v]);

const realCommand = fc
  .tuple(fc.constantFrom(['CLUSTERX'], ['CLUSTER'], ['CLUSTER', 'RESET'], ['SLAVEOF'], ['REPLICAOF'], ['CLIENT', 'KILL'], ['CONFIG', 'SET'], ['SET'], ['DEL'], ['GET'], ['INFO'], ['ROLE'], ['PSYNC'], ['REPLCONF']), fc.array(token, { maxLength: 4 }))
  .map(([head, rest]) => [...head, ...rest]);

const anyArgv = fc.array(token, { minLength: 1, maxLength: 6 });

const command = fc.oneof(setnodes, setnodes, setnodeid, setslot, realCommand, anyArgv);

/** A console input: a command on a chosen node, or something for the console itself. */
type Step = { kind: 'command'; node: (typeof NODES)[number]; argv: string[] } | { kind: 'console'; line: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('command' as const), node: fc.constantFrom(...NODES), argv: command }) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.integer({ min: 0, max: 3000 }).map((ms) => `.wait ${ms}ms`),
        fc.constantFrom('.crash kv2', '.restart kv2', '.partition kv1 kv3', '.heal', '.mode fixed', '.use kv3', '.bogus', '# note', '@kv9 PING', 'connect 127.0.0.1 30002'),
        fc.tuple(fc.constantFrom('.wait', '.use', '.mode', '.partition', '.crash', '.restart'), token).map(([dot, arg]) => `${dot} ${joinArgs([arg])}`),
      )
      .map((line) => ({ kind: 'console' as const, line })),
  },
);

/** Did the node answer with an error? redis-cli prints CLUSTER NODES/INFO and INFO errors raw. */
function isErrorOutput(argv: readonly string[], output: string): boolean {
  if (output.startsWith('(error) ')) return true;
  return isRawOutputCommand(argv) && /^(ERR|CLUSTERDOWN|LOADING|NOAUTH|MOVED|READONLY|MASTERDOWN) /.test(output);
}

describe('random command lines through the console', () => {
  it('never throw, and every rejected command leaves cluster state, nodes.conf and replication as they were', () => {
    fc.assert(
      fc.property(fc.constantFrom('buggy', 'fixed', 'guarded' as const), fc.array(step, { minLength: 1, maxLength: 6 }), (mode, steps) => {
        const s = bootstrapped(mode);
        for (const st of steps) {
          if (st.kind === 'console') {
            const r = s.run(st.line);
            expect(typeof r.output).toBe('string');
            continue;
          }
          const node = s.world.find(st.node)!;
          const before = snapshotNode(node);
          const wasRunning = node.running;
          const r = s.run(`@${st.node} ${joinArgs(st.argv)}`);
          expect(r.error).toBeNull();
          expect(r.argv).toEqual(st.argv);
          // A command may kill a running node as the real builds' segfaults do (e.g. CLIENT KILL
          // ID 5 TYPE): that is not a rejection.
          if (wasRunning && !node.running) continue;
          const refused = r.output.startsWith('Could not connect to Redis at ');
          if (refused || isErrorOutput(st.argv, r.output)) {
            expect({ argv: st.argv, output: r.output, state: snapshotNode(node) }).toEqual({ argv: st.argv, output: r.output, state: before });
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a broken SETNODES payload never changes anything, whatever the version and force', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), version, fc.boolean(), (edits, v, force) => {
        const s = bootstrapped('fixed');
        const payload = mutate(FAILOVER, edits);
        const argv = ['CLUSTERX', 'SETNODES', payload, v, ...(force ? ['force'] : [])];
        for (const n of NODES) {
          const node = s.world.find(n)!;
          const before = snapshotNode(node);
          const output = s.run(`@${n} ${joinArgs(argv)}`).output;
          if (output.startsWith('(error) ')) expect(snapshotNode(node)).toEqual(before);
          else expect(output).toBe('OK');
        }
      }),
      { numRuns: 100 },
    );
  });
});
