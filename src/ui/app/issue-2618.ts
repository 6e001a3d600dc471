/** What the #2618 reproduction showed, for the notice after it played (labs/scenarios/issue-2618.kvlab). */
import type { RunResult } from '../../lab/session.ts';

/** One sentence on what the run showed, read from the last INFO replication of kv3 and kv1. */
export function summarise2618(transcript: readonly RunResult[]): string | null {
  const last = (input: string) => [...transcript].reverse().find((r) => r.input === input)?.output ?? '';
  const kv3 = /role:(\w+)/.exec(last('@kv3 INFO replication'))?.[1];
  const slaves = /connected_slaves:(\d+)/.exec(last('@kv1 INFO replication'))?.[1];
  if (kv3 === undefined || slaves === undefined) return null;
  const stale = kv3 === 'slave' || slaves === '2';
  const seen = `kv3 reports role:${kv3} and kv1 reports connected_slaves:${slaves}`;
  return stale
    ? `Reproduced #2618: kv3 was removed from the topology, yet ${seen}. Switch to "fixed" and reproduce again to compare.`
    : `Removed cleanly: ${seen}. Switch to "buggy" and reproduce again to see #2618.`;
}
