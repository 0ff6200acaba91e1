import { existsSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { Resvg } from '@resvg/resvg-js'
import type { Figure } from '../shared/figures'

const DEJAVU = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf',
]

/** The pixels-per-metre chunk that tells image software the print resolution. */
function physChunk(dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254)
  const body = Buffer.alloc(13)
  body.write('pHYs', 0, 'latin1')
  body.writeUInt32BE(ppm, 4)
  body.writeUInt32BE(ppm, 8)
  body.writeUInt8(1, 12)
  const chunk = Buffer.alloc(4 + 13 + 4)
  chunk.writeUInt32BE(9, 0)
  body.copy(chunk, 4)
  chunk.writeUInt32BE(crc32(body), 17)
  return chunk
}

/** Byte offset just after the IHDR chunk: signature (8) + length, type, 13 data bytes, CRC. */
const AFTER_IHDR = 8 + 4 + 4 + 13 + 4

/**
 * A figure as PNG at `dpi` (300 by default, print resolution) for its physical width: an SVG of
 * W points becomes round(W/72·dpi) pixels wide, on white, with the resolution recorded in a pHYs
 * chunk so that a word processor places it at its true size. Text in DejaVu Sans from the system
 * fonts folder when present (the figures were laid out with its metrics), else the system's.
 */
export function figurePng(figure: Figure, dpi = 300): Buffer {
  const fontFiles = DEJAVU.filter((f) => existsSync(f))
  const resvg = new Resvg(figure.svg, {
    fitTo: { mode: 'width', value: Math.round((figure.width / 72) * dpi) },
    background: '#ffffff',
    font: {
      fontFiles,
      loadSystemFonts: fontFiles.length === 0,
      defaultFontFamily: 'DejaVu Sans',
    },
  })
  const png = Buffer.from(resvg.render().asPng())
  return Buffer.concat([png.subarray(0, AFTER_IHDR), physChunk(dpi), png.subarray(AFTER_IHDR)])
}
