import { createRequire } from 'node:module'
import { checkImage } from '../node/images'
import type { RgbaImage } from '../shared/trace/types'
import { CliError } from './cliError'
import { readBytes } from './io'

/**
 * Reads a PNG, JPEG, GIF, WebP or BMP file into RGBA pixels with @napi-rs/canvas (Skia's
 * decoders), after checking from its header that it is whole and within MAX_IMAGE_PIXELS (see
 * checkImage), so that nothing is decoded from a truncated file or a decompression bomb.
 * Transparent pixels are composited over white, as a figure is seen on a page. One-line errors for
 * a file that cannot be read or decoded.
 */
export function readImage(path: string): RgbaImage {
  // Loaded here, not at the top: a native module the commands that read no image never need.
  const { Image, createCanvas } = createRequire(import.meta.url)(
    '@napi-rs/canvas',
  ) as typeof import('@napi-rs/canvas')
  const bytes = Buffer.from(readBytes(path, 'figure'))
  checkImage(bytes, path)
  const image = new Image()
  try {
    image.src = bytes
  } catch {
    throw new CliError(`${path}: not an image this tool can decode (PNG, JPEG, GIF, WebP or BMP)`)
  }
  if (!image.complete || image.width <= 0 || image.height <= 0) {
    throw new CliError(`${path}: not an image this tool can decode (PNG, JPEG, GIF, WebP or BMP)`)
  }
  const canvas = createCanvas(image.width, image.height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, image.width, image.height)
  ctx.drawImage(image, 0, 0)
  const data = ctx.getImageData(0, 0, image.width, image.height).data
  return {
    data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    width: image.width,
    height: image.height,
  }
}
