/**
 * The README's tracing picture (tools/docs/tracingOverlap.ts): the committed figure and its
 * calibration are what the script makes today, so that the README's `kmpool trace` output
 * (test/docs/workedExamples.test.ts) is of the figure the script describes; the picture is a
 * palette PNG small enough for the README. After a deliberate change, rerun
 *
 *   npx tsx tools/docs/tracingOverlap.ts
 *   KMPOOL_UPDATE_DOCS=1 npx vitest run test/docs/workedExamples.test.ts
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Image, createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { renderKmFigure } from '../generator/kmFigure'
import { palettePng } from '../../tools/docs/palettePng'
import { CALIBRATION, FIGURE, PICTURE, overlapFigureSpec } from '../../tools/docs/tracingOverlap'

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A PNG's pixels, decoded by @napi-rs/canvas. */
function decode(png: Buffer) {
  const image = new Image()
  image.src = png
  const canvas = createCanvas(image.width, image.height)
  const ctx = canvas.getContext('2d')
  ctx.drawImage(image, 0, 0)
  return ctx.getImageData(0, 0, image.width, image.height).data
}

describe('the README tracing picture', () => {
  it('has the figure and calibration the script makes', () => {
    const fig = renderKmFigure(overlapFigureSpec())
    const hint = 'docs/tracing-overlap is stale: run npx tsx tools/docs/tracingOverlap.ts'
    expect(sha(readFileSync(FIGURE)), hint).toBe(sha(fig.file))
    expect(JSON.parse(readFileSync(CALIBRATION, 'utf8')), hint).toEqual(fig.calibration)
    // Both arms have the same patients until a quarter of the time axis: one line there.
    const [a, b] = fig.arms
    const split = overlapFigureSpec().tMax / 4
    expect(b.ipd.filter((r) => r.time < split)).toEqual(a.ipd.filter((r) => r.time < split))
    expect(b.ipd.filter((r) => r.event === 1 && r.time >= split)).not.toEqual(
      a.ipd.filter((r) => r.event === 1 && r.time >= split),
    )
  })

  it('is a palette PNG of at most 150 KB', () => {
    const png = readFileSync(PICTURE)
    expect(png.length).toBeLessThanOrEqual(150_000)
    expect(png.readUInt8(25), 'PNG colour type 3, a palette').toBe(3)
  })
})

describe('palettePng', () => {
  const pixels = (colors: readonly (readonly [number, number, number])[], width: number) => {
    const data = new Uint8ClampedArray(width * 4 * 4)
    for (let i = 0; i < width * 4; i++) data.set([...colors[i % colors.length], 255], i * 4)
    return { data, width, height: 4 }
  }

  it('keeps an image of no more colours than the palette exactly', () => {
    const image = pixels(
      [
        [255, 255, 255],
        [0, 70, 139],
        [173, 0, 42],
        [245, 158, 11],
        [17, 24, 39],
      ],
      7,
    )
    const png = palettePng(image, 8)
    expect(png.readUInt8(25)).toBe(3)
    expect([...decode(png)]).toEqual([...image.data])
  })

  it('gives each pixel its nearest of `colors` colours', () => {
    // 64 greys, 16 colours: each pixel lands within half a box (64 / 16 levels) of its grey.
    const image = pixels(
      Array.from({ length: 64 }, (_, i) => [i * 4, i * 4, i * 4] as const),
      64,
    )
    const png = palettePng(image, 16)
    const plte = png.indexOf('PLTE')
    expect(png.readUInt32BE(plte - 4), 'palette bytes').toBe(16 * 3)
    const back = decode(png)
    for (let o = 0; o < image.data.length; o += 4) {
      expect(Math.abs(back[o] - image.data[o]), `pixel ${o / 4}`).toBeLessThanOrEqual(8)
    }
  })
})
