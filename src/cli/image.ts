import { decodeImage } from '../node/images'
import type { RgbaImage } from '../shared/trace/types'
import { readBytes } from './io'

/**
 * Reads a PNG, JPEG, GIF, WebP or BMP file into RGBA pixels (src/node/images.ts: decodeImage),
 * with one-line errors for a file that cannot be read or decoded.
 */
export function readImage(path: string): RgbaImage {
  return decodeImage(Buffer.from(readBytes(path, 'figure')), path)
}
