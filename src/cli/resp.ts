/**
 * The RESP endpoint's Node edge: requests are read by protocol/resp-request.ts with bulks decoded
 * by Buffer (one byte per unit, 'latin1'), replies encoded by protocol/resp-reply.ts and written
 * as the same bytes.
 */
import type { BulkDecoder } from '../protocol/resp-request.ts';

const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/** Bytes of a received chunk as a byte string, without copying the chunk first. */
export const bufferBulkDecoder: BulkDecoder = (chunk, start, end) => asBuffer(chunk).toString('latin1', start, end);
