/**
 * The RESP endpoint's Node edge: requests are read by protocol/resp-request.ts with bulks decoded
 * by Buffer (one byte per unit, 'latin1'), replies encoded by protocol/resp-reply.ts and written
 * as the same bytes.
 */
import type { BulkDecoder } from '../protocol/resp-request.ts';

/** A bulk's pieces as a byte string, without copying when it arrived in one piece. */
export const bufferBulkDecoder: BulkDecoder = (parts, length) => {
  if (parts.length === 1) {
    const part = parts[0]!;
    return Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('latin1');
  }
  return Buffer.concat(parts, length).toString('latin1');
};
