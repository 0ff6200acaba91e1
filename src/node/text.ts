/**
 * Text files as spreadsheets and editors save them: UTF-8 (with or without a byte-order mark) or
 * UTF-16 with its byte-order mark (Excel's "Unicode text"), read alike. UTF-16 without a mark is
 * refused by name rather than read as UTF-8, which would give a misleading message about the
 * content (every other byte a NUL).
 */
import { FileRefused, shownPath } from './fileRefused'

/** The text of a file's bytes, without its byte-order mark. */
export function decodeText(bytes: Uint8Array, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes)
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes)
  }
  // UTF-8 text has no NUL bytes; a UTF-16 file of Latin letters has one in every other byte.
  const head = bytes.subarray(0, 4096)
  let nul = 0
  for (const b of head) if (b === 0) nul++
  if (head.length >= 4 && nul >= head.length / 4) {
    throw new FileRefused(
      `${shownPath(path)}: looks like UTF-16 text without a byte-order mark (or is not text); save it as UTF-8`,
    )
  }
  return new TextDecoder('utf-8').decode(bytes)
}
