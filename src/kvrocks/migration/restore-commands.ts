/**
 * The commands a migrating source sends for a key, as K-2024 builds them with the default
 * `migrate-type redis-command`: from the snapshot, one key's whole value (`SET k v [PXAT ms]`; a
 * collection as HMSET / SADD / RPUSH of at most 16 items each, then PEXPIREAT), and from the WAL
 * what each write changed, one command per changed field, member or element.
 * // K-2024 src/cluster/slot_migrate.cc migrateSimpleKey, migrateComplexKey; src/storage/batch_extractor.cc
 */
import type { Entry, Value } from '../data/value.ts';
import type { RestoreGroup } from '../../machines/migration.machine.ts';

/** `kMaxItemsInCommand`. */
const ITEMS_PER_COMMAND = 16;

type Argv = readonly string[];

const describeKey = (key: string, kind: 'simple' | 'complex') => (detail: string) =>
  `failed to migrate a key ${key}: failed to migrate ${kind} key: failed to send commands to restore a key: wrong response from the destination node: ${detail}`;

const COMMAND_OF = { hash: 'hmset', set: 'sadd', list: 'rpush' } as const;

function items(value: Exclude<Value, { type: 'string' }>): string[][] {
  if (value.type === 'hash') return [...value.fields].map(([field, v]) => [field, v]);
  if (value.type === 'set') return [...value.members].map((member) => [member]);
  return Array.from(value.items, (item) => [item]);
}

/**
 * One key of the snapshot as pipeline groups: each full command of 16 items is checked on its
 * own; the last partial command and the PEXPIREAT go together.
 */
export function snapshotGroups(key: string, entry: Entry): RestoreGroup[] {
  const value = entry.value;
  if (value.type === 'string') {
    const argv = ['SET', key, value.text, ...(entry.expireAt > 0 ? ['PXAT', String(entry.expireAt)] : [])];
    return [{ commands: [argv], describe: describeKey(key, 'simple') }];
  }
  const describe = describeKey(key, 'complex');
  const groups: RestoreGroup[] = [];
  const all = items(value);
  let chunk: string[] = [];
  let count = 0;
  for (const item of all) {
    chunk.push(...item);
    if (++count === ITEMS_PER_COMMAND) {
      groups.push({ commands: [[COMMAND_OF[value.type], key, ...chunk]], describe });
      chunk = [];
      count = 0;
    }
  }
  const tail: Argv[] = [];
  if (count > 0) tail.push([COMMAND_OF[value.type], key, ...chunk]);
  if (entry.expireAt > 0) tail.push(['PEXPIREAT', key, String(entry.expireAt)]);
  if (tail.length > 0) groups.push({ commands: tail, describe });
  return groups;
}

/**
 * What WriteBatchExtractor makes of one write to `key`: a string is SET (+ PEXPIREAT); a collection
 * gives one command per subkey the write touched (HSET/HDEL, SADD/SREM, RPUSH/LPUSH, LPOP/RPOP),
 * and PEXPIREAT when its expiry changed to a time; a deleted key is DEL. The model's WAL holds each
 * write's new value, so what the write touched is read off the value the destination was last sent.
 */
export function walCommands(key: string, before: Entry | undefined, after: Entry | undefined): Argv[] {
  if (after === undefined) return [['DEL', key]];
  const value = after.value;
  if (value.type === 'string') {
    return [['SET', key, value.text], ...(after.expireAt > 0 ? [['PEXPIREAT', key, String(after.expireAt)]] : [])];
  }
  const old = before !== undefined && before.value.type === value.type ? before.value : null;
  const commands = collectionDelta(key, value, old);
  if (after.expireAt > 0 && after.expireAt !== (before?.expireAt ?? 0)) commands.push(['PEXPIREAT', key, String(after.expireAt)]);
  return commands;
}

function collectionDelta(key: string, value: Exclude<Value, { type: 'string' }>, old: Value | null): Argv[] {
  if (value.type === 'hash') {
    const was = old?.type === 'hash' ? old.fields : new Map<string, string>();
    const set = [...value.fields].filter(([f, v]) => was.get(f) !== v).map(([f, v]) => ['HSET', key, f, v]);
    return [...set, ...[...was.keys()].filter((f) => !value.fields.has(f)).map((f) => ['HDEL', key, f])];
  }
  if (value.type === 'set') {
    const was = old?.type === 'set' ? old.members : new Set<string>();
    const added = [...value.members].filter((m) => !was.has(m)).map((m) => ['SADD', key, m]);
    return [...added, ...[...was].filter((m) => !value.members.has(m)).map((m) => ['SREM', key, m])];
  }
  return listDelta(key, [...value.items], old?.type === 'list' ? [...old.items] : []);
}

/** Pushes and pops at either end; any other edit is sent as the whole list again (a model choice). */
function listDelta(key: string, now: readonly string[], was: readonly string[]): Argv[] {
  const same = (a: readonly string[], offset: number) => a.every((item, i) => now[offset + i] === item);
  if (now.length >= was.length && same(was, 0)) return now.slice(was.length).map((item) => ['RPUSH', key, item]);
  if (now.length >= was.length && same(was, now.length - was.length)) {
    return now.slice(0, now.length - was.length).reverse().map((item) => ['LPUSH', key, item]);
  }
  const kept = (offset: number) => was.slice(offset, offset + now.length).every((item, i) => now[i] === item);
  if (now.length < was.length && kept(was.length - now.length)) return was.slice(0, was.length - now.length).map(() => ['LPOP', key]);
  if (now.length < was.length && kept(0)) return was.slice(now.length).map(() => ['RPOP', key]);
  return [['DEL', key], ...now.map((item) => ['RPUSH', key, item])];
}
