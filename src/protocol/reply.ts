/**
 * Typed RESP2 reply values. Commands return these; `render.ts` prints them the way redis-cli
 * prints them on a terminal, and the RESP endpoint serialises them onto the wire. Text is a byte
 * string (bytes.ts). The optional marks say what a RESP3 connection gets instead (Kvrocks'
 * conn->MapOfBulkStrings, SetOfBulkStrings, VerbatimString, NilArray); RESP2 ignores them except
 * a nil array's `*-1`.
 */
export type Reply =
  | { readonly type: 'status'; readonly text: string }
  | { readonly type: 'error'; readonly text: string }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'bulk'; readonly text: string; readonly verbatim?: true }
  | { readonly type: 'nil'; readonly array?: true }
  | { readonly type: 'array'; readonly items: readonly Reply[]; readonly resp3?: 'map' | 'set' };

export const OK: Reply = { type: 'status', text: 'OK' };
export const NIL: Reply = { type: 'nil' };
/** conn->NilArray(): `*-1` in RESP2, `_` in RESP3. */
export const NIL_ARRAY: Reply = { type: 'nil', array: true };

export const status = (text: string): Reply => ({ type: 'status', text });
/** `text` is the whole error line without the leading '-', e.g. `ERR Invalid cluster version`. */
export const error = (text: string): Reply => ({ type: 'error', text });
/** An error with the generic `ERR ` prefix (K-2024 redis_reply.cc: status code decides the prefix). */
export const err = (message: string): Reply => ({ type: 'error', text: `ERR ${message}` });
export const integer = (value: number): Reply => ({ type: 'integer', value });
export const bulk = (text: string): Reply => ({ type: 'bulk', text });
export const array = (items: readonly Reply[]): Reply => ({ type: 'array', items });
export const bulks = (texts: readonly string[]): Reply => array(texts.map(bulk));
/** Alternating keys and values: a map in RESP3 (`%`), a flat array in RESP2. */
export const map = (items: readonly Reply[]): Reply => ({ type: 'array', items, resp3: 'map' });
/** A set in RESP3 (`~`), an array in RESP2. */
export const set = (items: readonly Reply[]): Reply => ({ type: 'array', items, resp3: 'set' });
/** A verbatim `txt` string in RESP3 (`=`), a bulk in RESP2. */
export const verbatim = (text: string): Reply => ({ type: 'bulk', text, verbatim: true });

export function isError(reply: Reply): reply is Extract<Reply, { type: 'error' }> {
  return reply.type === 'error';
}
