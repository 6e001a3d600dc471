// `.migration`: every node's migration and import in one table, and the #3147 lost-acknowledgement fault.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/lab/session.ts';
import { suggestedNodeId } from '../../src/protocol/node-ids.ts';

const id = suggestedNodeId;
const PAYLOAD = `${id('kv1')} 127.0.0.1 30001 master - 0-8191\n${id('kv2')} 127.0.0.1 30002 master - 8192-16383`;

function twoMasters(): Session {
  const s = new Session({ nodes: 2, seed: 1, mode: 'buggy' });
  for (const n of ['kv1', 'kv2']) {
    s.run(`@${n} CLUSTERX SETNODEID ${id(n)}`);
    s.run(`@${n} CLUSTERX SETNODES "${PAYLOAD.replace(/\n/g, '\\n')}" 1`);
  }
  s.run('SET b 1');
  return s;
}

describe('.migration', () => {
  it('shows each side of a migration', () => {
    const s = twoMasters();
    s.run(`CLUSTERX MIGRATE 3300 ${id('kv2')}`);
    s.run('.wait 10ms');
    expect(s.run('.migration').output).toBe(
      ['# slot migration', '#   kv1   last migration success -> kv2; writes forbidden 3300; 1 slot(s) migrated away (MOVED)', '#   kv2   import 3300 success; 1 slot(s) imported (served)'].join('\n'),
    );
  });

  it('lose-ack arms the fault for one job, and checks its argument', () => {
    const s = twoMasters();
    expect(s.run('.migration lose-ack kv1').output).toContain("kv1's next import success will be lost");
    expect(s.run('.migration lose-ack').error).toContain('usage: .migration lose-ack <node>');
    expect(s.run('.migration bogus').error).toContain("unknown .migration subcommand 'bogus'");
    s.run(`CLUSTERX MIGRATE 3300 ${id('kv2')}`);
    s.run('.wait 2500ms');
    expect(s.run('.migration').output).toContain('kv1   last migration fail -> kv2; acknowledgement lost 3300');
  });
});
