/**
 * Typed RESP2 reply values. Commands return these; `render.ts` prints them the way redis-cli
 * prints them on a terminal, and the RESP endpoint serialises them onto the wire.
 */
export type Reply =
  | { readonly type: 'status'; readonly text: string }
  | { readonly type: 'error'; readonly text: string }
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'bulk'; readonly text: string }
  | { readonly type: 'nil' }
  | { readonly type: 'array'; readonly items: readonly Reply[] };

export const OK: Reply = { type: 'status', text: 'OK' };
export const NIL: Reply = { type: 'nil' };

export const status = (text: string): Reply => ({ type: 'status', text });
/** `text` is the whole error line without the leading '-', e.g. `ERR Invalid cluster version`. */
export const error = (text: string): Reply => ({ type: 'error', text });
/** An error with the generic `ERR ` prefix (K-2024 redis_reply.cc: status code decides the prefix). */
export const err = (message: string): Reply => ({ type: 'error', text: `ERR ${message}` });
export const integer = (value: number): Reply => ({ type: 'integer', value });
export const bulk = (text: string): Reply => ({ type: 'bulk', text });
export const array = (items: readonly Reply[]): Reply => ({ type: 'array', items });
export const bulks = (texts: readonly string[]): Reply => array(texts.map(bulk));

export function isError(reply: Reply): reply is Extract<Reply, { type: 'error' }> {
  return reply.type === 'error';
}
