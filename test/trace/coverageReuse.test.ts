import { describe, expect, it } from 'vitest'
import { parseColor, traceCurves } from '../../src/shared/trace'
import {
  type CoverageMap,
  coverageMap,
  coverageMapsDone,
  indexPixels,
  inkColumns,
  maskIndex,
} from '../../src/shared/trace/coverage'
import { prepareFigure } from '../../src/shared/trace/traceCurve'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'

// Per-figure work shared by a figure's traces (coverage.ts: inkColumns, coverageMapsDone): each
// trace must read exactly what it would read alone. A NEJM-style figure: JPEG, thin coloured lines,
// black "+" marks (mark ink), so that every kind of pixel code occurs.
const fig = renderKmFigure(styledFigureSpec(3001, 'nejm'))
const colors = fig.arms.map((a) => parseColor(a.color))

const same = (a: CoverageMap, b: CoverageMap) => {
  expect(Buffer.from(a.cover.buffer).equals(Buffer.from(b.cover.buffer))).toBe(true)
  expect(Buffer.from(a.other.buffer).equals(Buffer.from(b.other.buffer))).toBe(true)
}

describe('coverage maps of one figure', () => {
  it('a map written into a finished map’s arrays equals one made on its own', () => {
    const { index, tolerance } = prepareFigure(fig.image, fig.calibration)
    const [a, b] = colors
    const first = coverageMap(index, a, tolerance, [b])
    expect(first.other.some((k) => k !== 0)).toBe(true)
    coverageMapsDone(index)
    const second = coverageMap(index, b, tolerance, [a])
    // Reused, not allocated: the point of coverageMapsDone.
    expect(second.cover).toBe(first.cover)
    const alone = coverageMap(prepareFigure(fig.image, fig.calibration).index, b, tolerance, [a])
    same(second, alone)
  })

  it('a map still in use is never written into', () => {
    const { index, tolerance } = prepareFigure(fig.image, fig.calibration)
    const [a, b] = colors
    const first = coverageMap(index, a, tolerance, [b])
    const kept = Float32Array.from(first.cover)
    const second = coverageMap(index, b, tolerance, [a])
    expect(second.cover).not.toBe(first.cover)
    expect(Buffer.from(first.cover.buffer).equals(Buffer.from(kept.buffer))).toBe(true)
  })

  it('traces several curves as each would be traced alone beside the others', () => {
    const together = traceCurves(fig.image, fig.calibration, colors)
    colors.forEach((c, i) => {
      const alone = traceCurves(fig.image, fig.calibration, [c], {
        otherColors: colors.filter((_, j) => j !== i),
      })[0]
      expect(JSON.stringify(together[i].points)).toBe(JSON.stringify(alone.points))
      // (Censor marks are settled across the curves traced together: sharedMarks.ts.)
      expect(together[i].lineWidth).toBe(alone.lineWidth)
      expect(together[i].columnsSeen).toBe(alone.columnsSeen)
    })
  })
})

describe('inkColumns', () => {
  it('lists every ink pixel once, by column and by row, in order', () => {
    const { index } = prepareFigure(fig.image, fig.calibration)
    const { start, rows, rowStart, colourIds } = inkColumns(index)
    const { width, height, inkAt } = index
    // Brute force from the pixel ids.
    const byColumn: number[][] = Array.from({ length: width }, () => [])
    const firstOfRow: number[] = []
    let k = 0
    for (let y = 0; y < height; y++) {
      firstOfRow.push(k)
      for (let x = 0; x < width; x++) {
        if (index.ids[y * width + x] >= 0) {
          byColumn[x].push(y)
          expect(inkAt[k++]).toBe(y * width + x)
        }
      }
    }
    firstOfRow.push(k)
    expect(Array.from(rowStart)).toEqual(firstOfRow)
    for (let x = 0; x < width; x++) {
      expect(Array.from(rows.subarray(start[x], start[x + 1]))).toEqual(byColumn[x])
      expect(Array.from(colourIds.subarray(start[x], start[x + 1]))).toEqual(
        byColumn[x].map((y) => index.ids[y * width + x]),
      )
    }
    expect(start[width]).toBe(inkAt.length)
  })
})

// A re-trace with a traced line masked reads its index from the figure's (maskIndex), not from
// the image: it must be the index of the image indexed with that mask, colour ids and all.
describe('maskIndex', () => {
  it('is the index indexPixels makes with the mask, over a mask given with the figure too', () => {
    const { width, height } = fig.image
    // A user's mask (every 97th pixel) and a band across the plot added to it, as maskAlong adds
    // a traced line.
    const own = new Uint8Array(width * height).map((_, k) => (k % 97 === 0 ? 1 : 0))
    for (const given of [undefined, own]) {
      const figure = prepareFigure(fig.image, fig.calibration, { mask: given })
      const mask = given ? Uint8Array.from(given) : new Uint8Array(width * height)
      for (let x = 0; x < width; x++) {
        const y0 = Math.floor(height / 3) + ((x * 7) % 40)
        for (let y = y0; y < y0 + 9; y++) mask[y * width + x] = 1
      }
      const fresh = indexPixels(fig.image, figure.area, figure.index.background, mask)
      expect(maskIndex(figure.index, width, mask)).toEqual(fresh)
    }
  })
})
