// The slot migration job on a fake destination: its stages in order, the speed limit between
// pipelines, and the errors a failed step reports.
// Upstream: K-2024 src/cluster/slot_migrate.cc runMigrationProcess, sendCmdsPipelineIfNeed, checkMultipleResponses.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { SimClock } from '../../src/engine/clock.ts';
import type { LinkHandlers } from '../../src/machines/link.ts';
import { migrationMachine, type MigrationIo, type RestoreGroup } from '../../src/machines/migration.machine.ts';
import type { Reply } from '../../src/protocol/reply.ts';

interface Harness {
  clock: SimClock;
  sent: { at: number; argv: readonly string[] }[];
  outcome: string[];
  forbiddenAt: number | null;
}

/** A destination that answers every command after 0.1 ms with `answer(argv)`; refuses when `refuse`. */
function run(options: { groups: RestoreGroup[]; answer?: (argv: readonly string[]) => Reply; refuse?: boolean; speed?: number; pipeline?: number }): Harness {
  const clock = new SimClock();
  const h: Harness = { clock, sent: [], outcome: [], forbiddenAt: null };
  const snapshot = [...options.groups];
  const io: MigrationIo = {
    now: () => clock.now(),
    dial: (_address, handlers: LinkHandlers) => {
      clock.schedule(() => (options.refuse ? handlers.onRefused() : handlers.onOpen()), 0.1);
      return {
        send: (message) => {
          if (message.kind !== 'command') return true;
          h.sent.push({ at: clock.now(), argv: message.argv });
          const reply = options.answer?.(message.argv) ?? { type: 'status', text: 'OK' };
          clock.schedule(() => handlers.onMessage({ kind: 'reply', reply }), 0.1);
          return true;
        },
        close: () => {},
        abort: () => {},
      };
    },
    password: () => null,
    rangeText: () => '3300',
    maxSpeed: () => options.speed ?? 4096,
    maxPipeline: () => options.pipeline ?? 16,
    seqGap: () => 10000,
    stopRequested: () => false,
    nextSnapshotGroup: () => snapshot.shift() ?? null,
    latestSeq: () => 0,
    walGroups: () => [],
    forbidWrites: () => {
      h.forbiddenAt = clock.now();
    },
    markMigrated: () => h.outcome.push('migrated'),
    failed: (message) => h.outcome.push(`failed: ${message}`),
    succeeded: () => h.outcome.push('succeeded'),
    log: () => {},
    finished: () => h.outcome.push('finished'),
  };
  createActor(migrationMachine, { clock, input: { io, address: '127.0.0.1:30002', walBegin: 0 } }).start();
  clock.advanceTo(10_000);
  return h;
}

const key = (name: string): RestoreGroup => ({ commands: [['SET', name, 'v']], describe: (d) => `failed to migrate a key ${name}: ${d}` });

describe('migration job', () => {
  it('import start, the snapshot in pipelines, forbid, import success', () => {
    const h = run({ groups: [key('a'), key('b')] });
    expect(h.sent.map((s) => s.argv.join(' '))).toEqual(['cluster import 3300 0', 'SET a v', 'SET b v', 'cluster import 3300 1']);
    expect(h.outcome).toEqual(['migrated', 'succeeded', 'finished']);
    expect(h.forbiddenAt).not.toBeNull();
  });

  it('waits 1e6 * pipeline / speed us between restore pipelines (not before the first)', () => {
    const h = run({ groups: [key('a'), key('b'), key('c')], speed: 2, pipeline: 1 });
    const restores = h.sent.filter((s) => s.argv[0] === 'SET').map((s) => s.at);
    expect(restores[0]).toBeCloseTo(0.2, 5);
    expect(restores[1]! - restores[0]!).toBeCloseTo(500, 5);
    expect(restores[2]! - restores[1]!).toBeCloseTo(500, 5);
  });

  it('reports an error reply with its length, and tells the destination the import failed', () => {
    const moved = (argv: readonly string[]): Reply => (argv[0] === 'SET' ? { type: 'error', text: 'MOVED 3300 127.0.0.1:30001' } : { type: 'status', text: 'OK' });
    // The key filled a pipeline of one: its own error.
    const h = run({ groups: [key('a')], answer: moved, pipeline: 1 });
    expect(h.outcome[0]).toBe('failed: failed to migrate a key a: got invalid response of length 27: -MOVED 3300 127.0.0.1:30001');
    expect(h.sent.at(-1)!.argv).toEqual(['cluster', 'import', '3300', '2']);
    // The last, partial pipeline goes with the snapshot's final flush.
    const flushed = run({ groups: [key('a')], answer: moved });
    expect(flushed.outcome[0]).toBe(
      'failed: failed to send commands to restore a key: wrong response from the destination node: got invalid response of length 27: -MOVED 3300 127.0.0.1:30001',
    );
  });

  it('a refused connection fails at once and sends nothing', () => {
    const h = run({ groups: [key('a')], refuse: true });
    expect(h.outcome).toEqual(['failed: failed to connect to the destination node: Connection refused', 'finished']);
    expect(h.sent).toEqual([]);
  });
});
