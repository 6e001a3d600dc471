/** One node that owns every slot, for the data command tests. */
import { TestCluster, shardLines } from '../../support/cluster.ts';

export function oneNode(): TestCluster & { seq(): number; stats(): { hits: number; misses: number } } {
  const c = new TestCluster(1);
  c.push(shardLines('kv1', []), 1, ['kv1']);
  return Object.assign(c, {
    seq: () => c.node('kv1').storage.latestSeq,
    stats: () => ({ hits: c.node('kv1').stats.keyspaceHits, misses: c.node('kv1').stats.keyspaceMisses }),
  });
}

/** Runs on kv1 and returns how far the command moved the sequence, with its rendering. */
export function write(c: ReturnType<typeof oneNode>, ...argv: string[]): [string, number] {
  const before = c.seq();
  const out = c.run('kv1', ...argv);
  return [out, c.seq() - before];
}
