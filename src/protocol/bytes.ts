/**
 * Byte strings: how the model holds keys, values and arguments. Kvrocks works on `std::string`
 * bytes, so a model string is a JS string whose every unit is one byte (0..255, as Node's
 * 'latin1' encoding maps them). ASCII text is its own byte string; other text enters as its UTF-8
 * bytes (`utf8ToBytes`, the console) or as raw bytes (the RESP endpoint), and leaves as bytes (the
 * wire) or decoded for a terminal (`bytesToUtf8`).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

// Every unit below 0x80: the text is its own UTF-8 byte string.
const ASCII = /^[\x00-\x7f]*$/;

/** A byte string from raw bytes. */
export function bytesToString(bytes: Uint8Array): string {
  let out = '';
  // fromCharCode in chunks: spreading a large array would overflow the stack.
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** The bytes of a byte string (units above 0xff, which a byte string never has, keep their low byte). */
export function stringToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Text (as typed, as read from a file) as the byte string of its UTF-8 encoding. */
export function utf8ToBytes(text: string): string {
  return ASCII.test(text) ? text : bytesToString(encoder.encode(text));
}

/** A byte string decoded as UTF-8 for display; invalid sequences become U+FFFD, as a terminal shows them. */
export function bytesToUtf8(bytes: string): string {
  return ASCII.test(bytes) ? bytes : decoder.decode(stringToBytes(bytes));
}

/** The text a byte string is the UTF-8 encoding of, or null when it is not valid UTF-8. */
export function validUtf8(bytes: string): string | null {
  if (ASCII.test(bytes)) return bytes;
  try {
    return strict.decode(stringToBytes(bytes));
  } catch {
    return null;
  }
}
