/** The expiry flags of SET (K-2024 src/commands/ttl_util.h ParseExpireFlags, command_parser.h). */
import { parseCIntBig } from '../cluster/c-int.ts';

export type TtlFlag = 'EX' | 'PX' | 'EXAT' | 'PXAT' | 'KEEPTTL';

/** An expiry as parsed: `ms` after now (EX, PX) or since the Unix epoch (EXAT, PXAT). */
export interface Expiry {
  readonly fromNow: boolean;
  readonly ms: number;
}

export type TtlParse =
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'taken'; readonly flag: TtlFlag; readonly expiry: Expiry; readonly next: number };

const UNIT: Readonly<Record<string, { fromNow: boolean; scale: number }>> = {
  EX: { fromNow: true, scale: 1000 },
  EXAT: { fromNow: false, scale: 1000 },
  PX: { fromNow: true, scale: 1 },
  PXAT: { fromNow: false, scale: 1 },
};

/** TTL_RANGE<int64_t>: 1 .. INT64_MAX. */
const TTL_RANGE: readonly [number, number] = [1, 2 ** 63];

/**
 * EatEqICaseFlag then TakeInt: the flag is taken only when no other flag of its group came first
 * (the same one may repeat); its number must follow.
 */
export function parseTtlFlag(argv: readonly string[], i: number, current: TtlFlag | null): TtlParse {
  const flag = argv[i]!.toUpperCase();
  const unit = UNIT[flag];
  if (!unit || (current !== null && current !== flag)) return { kind: 'none' };
  const text = argv[i + 1];
  if (text === undefined) return { kind: 'error', message: 'no more item to parse' };
  const value = parseCIntBig(text, 'int64', TTL_RANGE);
  if (!value.ok) return { kind: 'error', message: value.message };
  return { kind: 'taken', flag: flag as TtlFlag, expiry: { fromNow: unit.fromNow, ms: Number(value.value) * unit.scale }, next: i + 2 };
}

/** The absolute expiry in Unix ms (metadata.expire). */
export const expireAt = (expiry: Expiry, nowMs: number): number => (expiry.fromNow ? expiry.ms + nowMs : expiry.ms);
