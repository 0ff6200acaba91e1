/**
 * Checking an image file before anything decodes it: its type from its signature (whatever its
 * name says), its size in pixels from its header, and that it is whole. A decoder allocates width
 * × height × 4 bytes before it reads a pixel, so a 150 KB PNG that claims 30000 × 30000 pixels
 * would take 3.6 GB; and decoders read a truncated or corrupt file silently as part-blank. Both
 * are refused here, with a one-line message.
 */
import { createRequire } from 'node:module'
import { crc32 } from 'node:zlib'
import type { FigureMime } from '../shared/ipc/contract'
import type { RgbaImage } from '../shared/trace/types'
import { FileRefused, shownPath } from './fileRefused'

/**
 * The most pixels a figure may have: 64 megapixels, e.g. 9800 × 6500 (256 MB decoded), as many as
 * a rendered PDF page may have (renderGeometry's MAX_PIXELS).
 */
export const MAX_IMAGE_PIXELS = 64_000_000

export type ImageMime = FigureMime | 'image/gif'

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b)

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** The image type the bytes are, from their signature at offset 0, or null for anything else. */
export function imageMime(bytes: Uint8Array): ImageMime | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp'
  if (startsWith(bytes, ascii('BM'))) return 'image/bmp'
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif'
  return null
}

/** Whether the bytes are a PDF: "%PDF-" at offset 0, so that a PNG that quotes it is not one. */
export function isPdf(bytes: Uint8Array): boolean {
  return startsWith(bytes, ascii('%PDF-'))
}

export interface ImageInfo {
  mime: ImageMime
  width: number
  height: number
}

class Broken extends Error {}

const u32be = (b: Uint8Array, at: number) =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0
const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1]
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8)
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)
const u32le = (b: Uint8Array, at: number) => u24le(b, at) + b[at + 3] * 2 ** 24
const i32le = (b: Uint8Array, at: number) => u24le(b, at) | (b[at + 3] << 24)

function need(bytes: Uint8Array, end: number): void {
  if (end > bytes.length) throw new Broken('it ends before its header does (truncated)')
}

/** PNG (ISO/IEC 15948 §5): IHDR first, every chunk's CRC right, IEND last. */
function png(bytes: Uint8Array): [number, number] {
  need(bytes, 33)
  if (u32be(bytes, 8) !== 13 || !startsWith(bytes, ascii('IHDR'), 12)) {
    throw new Broken('its first chunk is not IHDR')
  }
  const size: [number, number] = [u32be(bytes, 16), u32be(bytes, 20)]
  let at = 8
  for (;;) {
    if (at + 12 > bytes.length) throw new Broken('it ends without its IEND chunk (truncated)')
    const length = u32be(bytes, at)
    const end = at + 12 + length
    if (end > bytes.length) throw new Broken('a chunk runs past the end of the file (truncated)')
    const typeAndData = bytes.subarray(at + 4, at + 8 + length)
    if (crc32(typeAndData) !== u32be(bytes, at + 8 + length)) {
      throw new Broken(`the checksum of a chunk is wrong at byte ${at} (corrupt)`)
    }
    if (startsWith(bytes, ascii('IEND'), at + 4)) return size
    at = end
  }
}

/** JPEG (ITU T.81 B.1): the first start-of-frame gives the size; the file ends with EOI. */
function jpeg(bytes: Uint8Array): [number, number] {
  // Padding after the end-of-image marker is common; the marker must be in the last 4 KB.
  const tail = bytes.subarray(Math.max(2, bytes.length - 4096))
  let eoi = false
  for (let i = tail.length - 2; i >= 0 && !eoi; i--) eoi = tail[i] === 0xff && tail[i + 1] === 0xd9
  if (!eoi) throw new Broken('it has no end-of-image marker (truncated)')
  let at = 2
  for (;;) {
    need(bytes, at + 4)
    if (bytes[at] !== 0xff) throw new Broken(`no marker where one belongs at byte ${at} (corrupt)`)
    const marker = bytes[at + 1]
    if (marker === 0xff) {
      at++
      continue
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    if (marker === 0xd9 || marker === 0xda) throw new Broken('it has no frame header (corrupt)')
    const length = u16be(bytes, at + 2)
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      need(bytes, at + 9)
      return [u16be(bytes, at + 7), u16be(bytes, at + 5)]
    }
    at += 2 + length
  }
}

/** WebP (RFC 9649): the RIFF size matches the file; VP8X, VP8L or VP8 gives the size. */
function webp(bytes: Uint8Array): [number, number] {
  need(bytes, 30)
  if (u32le(bytes, 4) + 8 > bytes.length)
    throw new Broken('its RIFF size is past its end (truncated)')
  if (startsWith(bytes, ascii('VP8X'), 12)) return [u24le(bytes, 24) + 1, u24le(bytes, 27) + 1]
  if (startsWith(bytes, ascii('VP8L'), 12)) {
    const b = u32le(bytes, 21)
    return [(b & 0x3fff) + 1, ((b >>> 14) & 0x3fff) + 1]
  }
  if (startsWith(bytes, ascii('VP8 '), 12))
    return [u16le(bytes, 26) & 0x3fff, u16le(bytes, 28) & 0x3fff]
  throw new Broken('its first chunk is not VP8, VP8L or VP8X')
}

/** BMP: the size in the file header is the file's; the info header gives width and height. */
function bmp(bytes: Uint8Array): [number, number] {
  need(bytes, 26)
  if (u32le(bytes, 2) > bytes.length) throw new Broken('it ends before its stated size (truncated)')
  return [Math.abs(i32le(bytes, 18)), Math.abs(i32le(bytes, 22))]
}

/** GIF: the logical screen gives the size; the file ends with its trailer byte. */
function gif(bytes: Uint8Array): [number, number] {
  need(bytes, 13)
  let end = bytes.length - 1
  while (end > 0 && bytes[end] === 0) end--
  if (bytes[end] !== 0x3b) throw new Broken('it has no trailer (truncated)')
  return [u16le(bytes, 6), u16le(bytes, 8)]
}

const readers: Record<ImageMime, (bytes: Uint8Array) => [number, number]> = {
  'image/png': png,
  'image/jpeg': jpeg,
  'image/webp': webp,
  'image/bmp': bmp,
  'image/gif': gif,
}

/**
 * The type and size of an image file, after checking that it is whole (PNG: every chunk's CRC and
 * IEND; JPEG: its end-of-image marker; WebP, BMP: their stated sizes; GIF: its trailer) and has at
 * most MAX_IMAGE_PIXELS pixels. Throws a one-line FileRefused naming `name` otherwise.
 */
export function checkImage(bytes: Uint8Array, name: string): ImageInfo {
  const mime = imageMime(bytes)
  const shown = shownPath(name)
  if (mime === null) {
    throw new FileRefused(`${shown}: not a PNG, JPEG, WebP, BMP or GIF image`)
  }
  let width: number
  let height: number
  try {
    ;[width, height] = readers[mime](bytes)
  } catch (error) {
    if (error instanceof Broken) {
      throw new FileRefused(
        `${shown}: not a whole ${mime.slice(6).toUpperCase()} image: ${error.message}`,
      )
    }
    throw error
  }
  if (!(width > 0 && height > 0)) {
    throw new FileRefused(`${shown}: its header gives no size (${width} × ${height} pixels)`)
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new FileRefused(
      `${shown}: ${width} × ${height} pixels is more than the ${MAX_IMAGE_PIXELS / 1e6} megapixels a figure may have`,
    )
  }
  return { mime, width, height }
}

/**
 * Decodes a PNG, JPEG, GIF, WebP or BMP into RGBA pixels with @napi-rs/canvas (Skia's decoders),
 * after checking from its header that it is whole and within MAX_IMAGE_PIXELS (checkImage), so
 * that nothing is decoded from a truncated file or a decompression bomb. Transparent pixels are
 * composited over white, as a figure is seen on a page. For the CLI and main alike.
 */
export function decodeImage(bytes: Buffer, name: string): RgbaImage {
  checkImage(bytes, name)
  // Loaded here, not at the top: a native module that what reads no image never needs.
  const { Image, createCanvas } = createRequire(import.meta.url)(
    '@napi-rs/canvas',
  ) as typeof import('@napi-rs/canvas')
  const refused = () =>
    new FileRefused(`${name}: not an image this tool can decode (PNG, JPEG, GIF, WebP or BMP)`)
  const image = new Image()
  try {
    image.src = bytes
  } catch {
    throw refused()
  }
  if (!image.complete || image.width <= 0 || image.height <= 0) throw refused()
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
