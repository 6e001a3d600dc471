import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../../src/kvrocks/cluster/cluster-state.ts';
import { keySlot } from '../../../src/kvrocks/cluster/crc16.ts';
import { clusterNodesText } from '../../../src/kvrocks/cluster/describe.ts';
import { dumpNodesConf, loadNodesConf } from '../../../src/kvrocks/cluster/nodes-conf.ts';
import { formatSlotRanges, parseSlotRanges } from '../../../src/kvrocks/cluster/slots.ts';
import { parseClusterNodes } from '../../../src/kvrocks/cluster/topology.ts';
import { HOST, M, M_ADDR, S1_PAYLOAD, bootstrappedS1, snapshotOf } from './fixtures.ts';

const PARSE_ERRORS = new Set([
  'Invalid cluster nodes info',
  'Invalid cluster node id',
  'Invalid cluster node port',
  'Invalid cluster node role',
  'Slot is out of range',
  'Invalid nodes definition: Missing newline between node entries.',
  'Slot distribution is overlapped',
]);

const hexId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 });

/** A valid payload: masters with disjoint slot ranges, slaves pointing at any id. */
const validPayload = fc
  .record({
    masters: fc.uniqueArray(hexId, { minLength: 1, maxLength: 5 }),
    slaves: fc.array(fc.tuple(hexId, fc.nat()), { maxLength: 5 }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 16383 }), { maxLength: 6 }),
  })
  .map(({ masters, slaves, cuts }) => {
    const bounds = [0, ...cuts.sort((a, b) => a - b), 16384];
    const lines = masters.map((id, i) => {
      const start = bounds[i];
      const end = bounds[i + 1];
      const slots = start === undefined || end === undefined ? '' : end - 1 > start ? ` ${start}-${end - 1}` : ` ${start}`;
      return `${id} ${HOST} ${30001 + i} master -${slots}`;
    });
    slaves.forEach(([id, pick], i) => lines.push(`${id} ${HOST} ${31001 + i} slave ${masters[pick % masters.length]}`));
    return lines.join('\n');
  });

const NOISE = [...' \n\r\t-,0123456789abcdefMASTERslave{}#"\'é'];
type Mutation = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: fc.constantFrom(...NOISE), maxLength: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
);

function mutate(payload: string, mutations: readonly Mutation[]): string {
  let text = payload;
  for (const m of mutations) {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    text = m.kind === 'insert' ? text.slice(0, at) + m.text + text.slice(at) : text.slice(0, at) + text.slice(at + m.length);
  }
  return text;
}

const anyPayload = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(validPayload, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([p, ms]) => mutate(p, ms)),
  fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => mutate(S1_PAYLOAD, ms)),
);

describe('properties', () => {
  it('parseClusterNodes never throws and only answers with upstream error texts', () => {
    fc.assert(
      fc.property(anyPayload, (payload) => {
        const result = parseClusterNodes(payload);
        if (!result.ok) expect(PARSE_ERRORS).toContain(result.error);
      }),
      { numRuns: 2000 },
    );
  });

  it('valid payloads parse, and survive a nodes.conf round trip with the same CLUSTER NODES lines', () => {
    fc.assert(
      fc.property(validPayload, (payload) => {
        const state = new ClusterState();
        expect(state.setClusterNodes(payload, 3, false, { host: HOST, port: 30001 }).kind).toBe('applied');
        const reloaded = new ClusterState();
        expect(loadNodesConf(reloaded, dumpNodesConf(state), { host: HOST, port: 30001 }).kind).toBe('applied');
        // The reloaded map is built in file order, so it may walk the nodes in another order.
        const lines = (s: ClusterState) => clusterNodesText(s, 1).split('\n').sort();
        expect(lines(reloaded)).toEqual(lines(state));
      }),
      { numRuns: 300 },
    );
  });

  it('a rejected payload leaves the state exactly as it was (forced or not)', () => {
    fc.assert(
      fc.property(anyPayload, fc.boolean(), fc.integer({ min: -3, max: 5 }), fc.option(fc.integer({ min: 0, max: 16383 })), (payload, force, version, movedSlot) => {
        const state = bootstrappedS1(M, M_ADDR);
        if (movedSlot !== null) state.setSlot([{ start: movedSlot, end: movedSlot }], M, 2);
        const before = snapshotOf(state);
        const owners = [...state.slotOwner];
        const outcome = state.setClusterNodes(payload, version, force, M_ADDR);
        if (outcome.kind !== 'applied') {
          expect(snapshotOf(state)).toEqual(before);
          expect(state.slotOwner.every((owner, slot) => owner === owners[slot])).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('parseSlotRanges never throws, and reads back what formatSlotRanges writes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (spec) => {
        const result = parseSlotRanges(spec);
        if (!result.ok) expect(result.error).toMatch(/^(No slots to parse\.|Invalid slots: |Invalid slot id: |Invalid slot range: `)/);
      }),
    );
    const range = fc.tuple(fc.integer({ min: 0, max: 16383 }), fc.integer({ min: 0, max: 16383 })).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 6 }), (ranges) => {
        expect(parseSlotRanges(formatSlotRanges(ranges))).toEqual({ ok: true, ranges });
      }),
    );
  });

  it('keySlot is always a slot', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (key) => {
        const slot = keySlot(key);
        expect(Number.isInteger(slot) && slot >= 0 && slot < 16384).toBe(true);
      }),
    );
  });
});
