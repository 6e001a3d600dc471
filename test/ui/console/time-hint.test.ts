import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/lab/session.ts';
import { suggestedNodeId } from '../../../src/protocol/node-ids.ts';
import { needsTime } from '../../../src/ui/console/time-hint.ts';

const ID1 = suggestedNodeId('kv1');

describe('needsTime: inputs that set something in motion', () => {
  it('topology, replication, config, writes and faults do; reads, errors and status dot-commands do not', () => {
    const session = new Session({ nodes: 3, seed: 1, mode: 'buggy' });
    const verdict = (input: string) => needsTime(session.run(input));
    expect(verdict(`@kv1 CLUSTERX SETNODEID ${ID1}`)).toBe(true);
    expect(verdict(`CLUSTERX SETNODES "${ID1} 127.0.0.1 30001 master - 0-16383" 1`)).toBe(true);
    expect(verdict('CONFIG SET masterauth secret')).toBe(true);
    expect(verdict('SET k v')).toBe(true);
    expect(verdict('.crash kv3')).toBe(true);
    expect(verdict('.restart kv2')).toBe(true);
    expect(verdict('.partition kv1 kv3')).toBe(true);
    expect(verdict('.controller status')).toBe(false);
    expect(verdict('GET k')).toBe(false);
    expect(verdict('INFO replication')).toBe(false);
    expect(verdict('CONFIG GET masterauth')).toBe(false);
    expect(verdict('CLUSTERX SETNODES "broken" 2')).toBe(false);
    expect(verdict('.nodes')).toBe(false);
    expect(verdict('.wait 1s')).toBe(false);
  });
});
