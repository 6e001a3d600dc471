/**
 * Differences between the model and the real server that are known, explained and left as they
 * are: each is a simplification documented in docs/model.md, where the console also tells the
 * user. A difference that matches none of these fails the comparison.
 */
import { normalise } from './normalise.ts';

export interface KnownDifference {
  readonly id: string;
  /** What differs and why it is left, for docs/conformance.md. */
  readonly summary: string;
  /** Where docs/model.md explains it. */
  readonly doc: string;
  matches(d: { caseId: string; argv: readonly string[] | null; real: string; model: string }): boolean;
}

const isSub = (argv: readonly string[] | null, command: string, sub: string) =>
  argv !== null && argv[0]?.toLowerCase() === command && argv[1]?.toLowerCase() === sub;

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'command-not-modelled',
    summary:
      'A command Kvrocks has (it is in its COMMAND table) that passes the arity and routing checks but that the model does not run (Lua, transactions, zsets, streams, ...): the real server runs it; the model answers `ERR kvlab: <COMMAND> is not modelled`',
    doc: 'docs/model.md#simplifications-said-here-rather-than-pretended',
    matches: ({ argv, model }) => argv !== null && argv.length > 0 && model === `(error) ERR kvlab: ${argv[0]!.toUpperCase()} is not modelled`,
  },
  {
    id: 'getkeys-key-function-not-modelled',
    summary:
      'COMMAND GETKEYS of a command whose keys a key-range function finds (ZUNIONSTORE, LMPOP, GEORADIUS, ...; the scripts are modelled): the real server lists them; the model answers `ERR kvlab: COMMAND GETKEYS <COMMAND> is not modelled`',
    doc: 'docs/model.md#simplifications-said-here-rather-than-pretended',
    matches: ({ argv, model }) =>
      isSub(argv, 'command', 'getkeys') && argv!.length > 2 && model === `(error) ERR kvlab: COMMAND GETKEYS ${argv![2]!.toUpperCase()} is not modelled`,
  },
  {
    id: 'resp3-not-modelled',
    summary:
      'HELLO 3 after CONFIG SET resp3-enabled yes: the real server switches the connection to RESP3 and answers a map; the model answers `ERR kvlab: RESP3 is not modelled ...` (the harness cannot read RESP3 either)',
    doc: 'docs/model.md#simplifications-said-here-rather-than-pretended',
    matches: ({ argv, model }) => argv?.[0]?.toLowerCase() === 'hello' && model === '(error) ERR kvlab: RESP3 is not modelled (HELLO 3 with resp3-enabled yes)',
  },
  {
    id: 'used-db-size-not-modelled',
    summary:
      'INFO keyspace `used_db_size`: the real server counts the bytes of its SST files, which exist once RocksDB flushed (a restart recovers the WAL into one) or a full sync restored a checkpoint (e.g. `used_db_size:1419` for two small keys); the model has no files and prints `used_db_size:0`. Everything else in the reply must match.',
    doc: 'docs/model.md#simplifications-said-here-rather-than-pretended',
    matches: ({ argv, real, model }) => {
      if (argv === null || argv[0]?.toLowerCase() !== 'info' || !/^used_db_size:0$/m.test(model) || !/^used_db_size:[1-9]\d*$/m.test(real)) return false;
      const blank = (text: string) => normalise(argv, text).replace(/^used_db_size:\d+$/m, 'used_db_size:<size>');
      return blank(real) === blank(model);
    },
  },
  {
    id: 'client-kill-dangling-filter',
    summary:
      'CLIENT KILL whose last filter keyword has no value (`CLIENT KILL ID 5 TYPE`): K-2024 reads past its argument vector (undefined behaviour); the real server usually dies but can answer `ERR syntax error`; the model always kills the node',
    doc: 'docs/model.md#simplifications-said-here-rather-than-pretended',
    matches: ({ argv, real, model }) =>
      isSub(argv, 'client', 'kill') &&
      argv!.length >= 5 &&
      argv!.length % 2 === 1 &&
      real === '(error) ERR syntax error' &&
      (model.startsWith('Error: Server closed the connection') || model.startsWith('Could not connect to Redis at')),
  },
];

export function knownDifference(d: { caseId: string; argv: readonly string[] | null; real: string; model: string }): KnownDifference | null {
  return KNOWN_DIFFERENCES.find((k) => k.matches(d)) ?? null;
}
