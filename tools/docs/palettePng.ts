import { crc32, deflateSync } from 'node:zlib'

/** RGBA pixels, row by row from the top. */
export interface Pixels {
  data: Uint8ClampedArray | Uint8Array
  width: number
  height: number
}

/** A colour box of the median cut: the 5-bit-per-channel histogram cells it holds. */
interface Box {
  cells: number[]
  count: number
}

const cellOf = (r: number, g: number, b: number) => ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)
const channel = (cell: number, c: number) => (cell >> (10 - 5 * c)) & 31

/**
 * An opaque image as an indexed (palette) PNG of at most `colors` colours: a picture for the
 * docs that keeps its anti-aliased lines and is a fraction of a true-colour PNG's size (a JPEG
 * figure's noise does not compress). The palette is Heckbert's median cut ("Color image
 * quantization for frame buffer display", SIGGRAPH 1982) on a 5-bit-per-channel histogram; each
 * pixel takes the nearest palette colour, without dithering. Alpha is dropped. Deterministic.
 */
export function palettePng(image: Pixels, colors: number): Buffer {
  const { data, width, height } = image
  const counts = new Map<number, number>()
  const sums = new Map<number, [number, number, number]>()
  for (let o = 0; o < data.length; o += 4) {
    const cell = cellOf(data[o], data[o + 1], data[o + 2])
    counts.set(cell, (counts.get(cell) ?? 0) + 1)
    const s = sums.get(cell) ?? [0, 0, 0]
    s[0] += data[o]
    s[1] += data[o + 1]
    s[2] += data[o + 2]
    sums.set(cell, s)
  }
  const boxes: Box[] = [{ cells: [...counts.keys()].sort((a, b) => a - b), count: data.length / 4 }]
  const range = (box: Box, c: number) => {
    let lo = 31
    let hi = 0
    for (const cell of box.cells) {
      lo = Math.min(lo, channel(cell, c))
      hi = Math.max(hi, channel(cell, c))
    }
    return hi - lo
  }
  while (boxes.length < colors) {
    // The box whose pixels are spread most (pixels times its widest channel range) is cut.
    let pick = -1
    let best = 0
    boxes.forEach((box, i) => {
      const spread =
        box.cells.length > 1 ? box.count * Math.max(...[0, 1, 2].map((c) => range(box, c))) : 0
      if (spread > best) [pick, best] = [i, spread]
    })
    if (pick < 0) break
    const box = boxes[pick]
    const widest = [0, 1, 2].reduce((w, c) => (range(box, c) > range(box, w) ? c : w), 0)
    const cells = [...box.cells].sort((a, b) => channel(a, widest) - channel(b, widest) || a - b)
    let seen = 0
    let cut = 1
    while (cut < cells.length - 1 && seen + counts.get(cells[cut - 1])! < box.count / 2) {
      seen += counts.get(cells[cut - 1])!
      cut++
    }
    const left = cells.slice(0, cut)
    const right = cells.slice(cut)
    const total = (cs: number[]) => cs.reduce((n, c) => n + counts.get(c)!, 0)
    boxes.splice(
      pick,
      1,
      { cells: left, count: total(left) },
      { cells: right, count: total(right) },
    )
  }
  const palette = boxes.map((box) => {
    const s = [0, 0, 0]
    for (const cell of box.cells) sums.get(cell)!.forEach((v, c) => (s[c] += v))
    return s.map((v) => Math.round(v / box.count))
  })
  const nearest = new Map<number, number>()
  const indexOf = (r: number, g: number, b: number) => {
    const key = (r << 16) | (g << 8) | b
    let i = nearest.get(key)
    if (i === undefined) {
      let best = Infinity
      palette.forEach(([pr, pg, pb], k) => {
        const d = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2
        if (d < best) [i, best] = [k, d]
      })
      nearest.set(key, i!)
    }
    return i!
  }
  // Each row: filter type 0 (none), then one palette index per pixel.
  const raw = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      raw[y * (width + 1) + 1 + x] = indexOf(data[o], data[o + 1], data[o + 2])
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 3, 0, 0, 0], 8) // 8-bit indices, palette colour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(body.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0)
  return Buffer.concat([head, body, crc])
}
