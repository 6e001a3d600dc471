/**
 * Set commands (K-2024 src/commands/cmd_set.cc, src/types/redis_set.cc). Each member is a subkey:
 * SADD Puts the new ones and the metadata; SREM Deletes them and Puts the metadata, or Deletes it
 * when no member is left.
 */
import { compareBytes } from '../data/bytes.ts';
import type { KvrocksNode } from '../node/node.ts';
import { bulk, integer, set, type Reply } from '../../protocol/reply.ts';
import { defineCommand } from './command.ts';
import { commit, del, put, typedGet, WRONG_TYPE } from './db.ts';
import { EMPTY_MEMBERS, SetEditor } from '../data/sharded.ts';
import type { Members } from '../../protocol/value.ts';
import { finish, PREPARE_SLICE, preparedResult, storedValue, type Preparation, type Prepared } from './prepared.ts';

interface SetValue {
  readonly members: Members;
  readonly expireAt: number;
  readonly exists: boolean;
}

/** What a missing key reads as: one shared empty set, so prepared work can name it (prepared.ts). */
const NO_MEMBERS = EMPTY_MEMBERS;

function setOf(node: KvrocksNode, key: string): SetValue | Reply {
  const found = typedGet(node, key, 'set');
  if (found.kind === 'wrongtype') return WRONG_TYPE;
  return found.kind === 'ok' ? { members: found.value.members, expireAt: found.entry.expireAt, exists: true } : { members: NO_MEMBERS, expireAt: 0, exists: false };
}

/**
 * `from` with argv[2..] added or removed, as a copy-on-write edit (stored values are never changed
 * in place, data/sharded.ts); a member given twice counts once. It yields every PREPARE_SLICE items.
 */
function* changedMembers(from: Members, argv: readonly string[], adding: boolean): Generator<void, Members, void> {
  const members = new SetEditor(from);
  for (let i = 2; i < argv.length; i++) {
    if (adding) members.add(argv[i]!);
    else members.delete(argv[i]!);
    if (i % PREPARE_SLICE === 0) yield;
  }
  return members.result();
}

function* prepareMembers(node: KvrocksNode, argv: readonly string[], adding: boolean): Preparation {
  const stored = storedValue(node, argv[1]!, 'set');
  if (stored === null) return null;
  const from = stored?.members ?? NO_MEMBERS;
  return { argv, from, result: yield* changedMembers(from, argv, adding) };
}

/** The members after the command: prepared ahead when that still applies, else computed now. */
const membersAfter = (prepared: Prepared | undefined, set: SetValue, argv: readonly string[], adding: boolean): Members =>
  preparedResult<Members>(prepared, argv, set.members) ?? finish(changedMembers(set.members, argv, adding));

const isReply = (value: SetValue | Reply): value is Reply => 'type' in value;

const readCommand = (name: string, arity: number, summary: string, answer: (set: SetValue, argv: readonly string[]) => Reply) =>
  defineCommand({
    name,
    arity,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary,
    run: ({ node }, _args, argv) => {
      const set = setOf(node, argv[1]!);
      return isReply(set) ? set : answer(set, argv);
    },
  });

export const setCommands = [
  defineCommand({
    name: 'sadd',
    arity: -3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'SADD key member [member ...]',
    prepare: (node, argv) => prepareMembers(node, argv, true),
    run: ({ node, prepared }, _args, argv) => {
      const set = setOf(node, argv[1]!);
      if (isReply(set)) return set;
      const members = membersAfter(prepared, set, argv, true);
      const added = members.size - set.members.size;
      if (added > 0) commit(node, [put(argv[1]!, { type: 'set', members }, set.expireAt)], added + 1);
      return integer(added);
    },
  }),
  defineCommand({
    name: 'srem',
    arity: -3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'SREM key member [member ...]',
    prepare: (node, argv) => prepareMembers(node, argv, false),
    run: ({ node, prepared }, _args, argv) => {
      const key = argv[1]!;
      const set = setOf(node, key);
      if (isReply(set)) return set;
      const members = membersAfter(prepared, set, argv, false);
      const removed = set.members.size - members.size;
      if (removed > 0) commit(node, [members.size === 0 ? del(key) : put(key, { type: 'set', members }, set.expireAt)], removed + 1);
      return integer(removed);
    },
  }),
  // conn->SetOfBulkStrings (K-2024 cmd_set.cc CommandSMembers)
  readCommand('smembers', 2, 'SMEMBERS key', (found) => set([...found.members].sort(compareBytes).map(bulk))),
  readCommand('scard', 2, 'SCARD key', (set) => integer(set.members.size)),
  readCommand('sismember', 3, 'SISMEMBER key member', (set, argv) => integer(set.members.has(argv[2]!) ? 1 : 0)),
];
