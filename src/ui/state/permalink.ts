/**
 * "Copy link to this moment": the whole session (seed, mode, node count, the input log with its
 * faults and waits, the time looked at) in the URL fragment, zlib-deflated (fflate; its Adler-32 checksum catches damage) and base64url
 * encoded: `#session=...`. Opening it replays to exactly that moment. A link that is cut short
 * or altered fails to inflate or to validate, and says which.
 */
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { isPermalink, PERMALINK_PARAM } from '../../lab/link.ts';
import { serialise, validateSavedSession, type SavedSession, type Validated } from './persistence.ts';

/** Longer fragments are refused before inflating (browsers keep far longer URLs; a session this large belongs in a file). */
export const MAX_PERMALINK_CHARS = 2_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Adler-32 (RFC 1950), which fflate's unzlib does not check: the stream's last four bytes must match. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]!) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function trailer(bytes: Uint8Array): number {
  const n = bytes.length;
  return n < 4 ? -1 : ((bytes[n - 4]! << 24) | (bytes[n - 3]! << 16) | (bytes[n - 2]! << 8) | bytes[n - 1]!) >>> 0;
}

/** The fragment (without `#`) for a session. */
export function permalinkFragment(session: SavedSession): string {
  return `${PERMALINK_PARAM}=${toBase64Url(zlibSync(strToU8(serialise(session)), { level: 9 }))}`;
}


/** The session a fragment holds, or why it cannot be read. */
export function readPermalink(fragment: string): Validated {
  const text = fragment.replace(/^#/, '');
  if (!isPermalink(text)) return { ok: false, error: `the link holds no session (it should start with #${PERMALINK_PARAM}=)` };
  const data = text.slice(PERMALINK_PARAM.length + 1);
  if (data.length > MAX_PERMALINK_CHARS) return { ok: false, error: `the link is ${data.length} characters long; at most ${MAX_PERMALINK_CHARS}` };
  const bytes = fromBase64Url(data);
  if (bytes === null || bytes.length === 0) return { ok: false, error: 'the link is damaged: its session is not base64url text' };
  let json: string;
  try {
    const raw = unzlibSync(bytes);
    if (adler32(raw) !== trailer(bytes)) throw new Error('checksum');
    json = strFromU8(raw);
  } catch {
    return { ok: false, error: 'the link is cut short or damaged: its session cannot be unpacked' };
  }
  const checked = validateSavedSession(json);
  return checked.ok ? checked : { ok: false, error: `the link's session is not valid: ${checked.error}` };
}
