/**
 * The shape of one command, after Kvrocks' command attributes (K-2024 src/commands/commander.h:
 * name, arity, flags, key range) and its Parse/Execute split.
 */
import type { Socket } from '../../engine/network.ts';
import type { ClientConn } from '../node/client.ts';
import type { KvrocksNode } from '../node/node.ts';
import { err, type Reply } from '../../protocol/reply.ts';
import type { WireMessage } from '../../protocol/wire.ts';
import type { Preparation, Prepared } from './prepared.ts';

export interface CommandContext {
  readonly node: KvrocksNode;
  readonly client: ClientConn;
  /** The network connection the command came on; null for the console. */
  readonly socket: Socket<WireMessage> | null;
  /** Work done ahead for this very argv (prepared.ts); the command checks it still applies. */
  readonly prepared?: Prepared;
}

export type CommandFlag = 'write' | 'read-only' | 'ok-loading' | 'exclusive' | 'admin-only' | 'replication';

export type Parsed<P> = { readonly ok: true; readonly value: P } | { readonly ok: false; readonly reply: Reply };

export const parsed = <P>(value: P): Parsed<P> => ({ ok: true, value });
export const parseError = (message: string): Parsed<never> => ({ ok: false, reply: err(message) });

export interface CommandDef<P> {
  readonly name: string;
  /** Positive: exactly this many tokens; negative: at least -arity tokens. */
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  /** [first, last, step] key positions; last -1 means "to the end". */
  readonly keys?: readonly [number, number, number];
  /** One line for `.help`. */
  readonly summary: string;
  /** The command exists only with some named behaviours on (`has` asks; none today: both builds share one command table). */
  readonly availableIn?: (has: (switchId: string) => boolean) => boolean;
  /** Argument checks before execution; `has` for the few that differ between behaviours. */
  parse?(argv: readonly string[], has: (switchId: string) => boolean): Parsed<P>;
  /**
   * For a command whose cost grows with its arguments: computes its result ahead in slices, from
   * what is stored now, without side effects (prepared.ts). Null when there is nothing to prepare.
   */
  prepare?(node: KvrocksNode, argv: readonly string[]): Preparation;
  /** Returns the reply, or null when the command answered on the socket itself. */
  run(ctx: CommandContext, args: P, argv: readonly string[]): Reply | null;
}

// The registry holds commands of many argument types; each def's parse and run agree on P.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandDef<any>;

export function defineCommand<P = readonly string[]>(def: CommandDef<P>): CommandDef<P> {
  return def;
}

export const ERR_WRONG_ARGS = 'wrong number of arguments';
export const ERR_SYNTAX = 'syntax error';
export const ERR_NOT_INTEGER = 'value is not an integer or out of range';
/** K-2024 src/commands/error_constants.h errAdminPermissionRequired. */
export const ERR_ADMIN = 'admin permission required to perform the command';
export const ERR_RESTORING = 'kvrocks is restoring the db from backup';
