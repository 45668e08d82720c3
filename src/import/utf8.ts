const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const nonAscii = /[^\x00-\x7f]/;

/**
 * Decodes text that was read as latin1 (one char per byte) as UTF-8, so that
 * invalid byte sequences raise instead of turning into U+FFFD.
 */
export function decodeLatin1AsUtf8(text: string): string {
  if (!nonAscii.test(text)) {
    return text;
  }

  return strictDecoder.decode(Buffer.from(text, 'latin1'));
}

/** Tells whether a value decoded elsewhere carries the replacement character of an invalid byte. */
export function hasReplacementChar(text: string): boolean {
  return text.includes('\uFFFD');
}
