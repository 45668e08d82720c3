/** The part of seek-bzip (a pure JavaScript bzip2 decoder without type declarations) that Casebook uses. */
declare module 'seek-bzip' {
  /** Decodes a whole bzip2 file held in memory. */
  export function decode(input: Buffer): Buffer;
}
