import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  PDFDocument,
  concatTransformationMatrix,
  degrees,
  popGraphicsState,
  pushGraphicsState,
  rgb,
} from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { openPdfPage } from '../../src/cli/pdf'
import { apply, findVectorCurves } from '../../src/shared/pdf'
import type { Matrix } from '../../src/shared/pdf'
import type { Calibration } from '../../src/shared/trace'

// A second PDF writer: pdf-lib draws every line as its own path, to full precision, here inside
// a scaled coordinate system and on a rotated page.
const DROPS: [number, number][] = [
  [3, 0.9],
  [7.5, 0.72],
  [12, 0.6],
  [20, 0.35],
]
const END = 28
const CENSOR = [5, 15, 25]

/** Plot coordinates: time 0–30 over x 0–300, survival over y 0–200, before the page's CTM. */
const plot = (t: number, s: number) => ({ x: 10 * t, y: 200 * s })

/** The CTM the figure is drawn under: half size, moved into the page. */
const CTM: Matrix = [0.5, 0, 0, 0.5, 100, 150]

function corners() {
  const out: [number, number][] = [[0, 1]]
  let s = 1
  for (const [t, next] of DROPS) {
    out.push([t, s], [t, next])
    s = next
  }
  out.push([END, s])
  return out
}

async function makePdf(path: string) {
  const doc = await PDFDocument.create()
  for (const rotation of [0, 90]) {
    const page = doc.addPage([500, 400])
    page.setRotation(degrees(rotation))
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...CTM))
    const line = (a: { x: number; y: number }, b: { x: number; y: number }, w = 3) =>
      page.drawLine({ start: a, end: b, thickness: w, color: rgb(0.8, 0.1, 0.1) })
    const c = corners()
    for (let i = 1; i < c.length; i++) line(plot(...c[i - 1]), plot(...c[i]))
    for (const t of CENSOR) {
      const s = c.filter(([ct]) => ct <= t).at(-1)![1]
      line(plot(t, s - 0.04), plot(t, s + 0.04), 1.5)
    }
    // Axes, their L drawn as two lines, and a frame.
    const axis = (a: { x: number; y: number }, b: { x: number; y: number }) =>
      page.drawLine({ start: a, end: b, thickness: 1 })
    axis(plot(0, 0), plot(30, 0))
    axis(plot(0, 0), plot(0, 1))
    const frame = [plot(-1, -0.05), plot(31, -0.05), plot(31, 1.05), plot(-1, 1.05)]
    frame.forEach((p, i) => axis(p, frame[(i + 1) % 4]))
    page.pushOperators(popGraphicsState())
  }
  writeFileSync(path, await doc.save())
}

/** The calibration a user would click on the rendered page: plot points through CTM and render. */
function calibration(toPixel: Matrix): Calibration {
  const at = (t: number, s: number, value: number) => {
    const p = plot(t, s)
    const page = apply(CTM, p.x, p.y)
    const q = apply(toPixel, page.x, page.y)
    return { px: q.x, py: q.y, value }
  }
  return {
    x1: at(0, 0, 0),
    x2: at(30, 0, 30),
    y1: at(0, 0, 0),
    y2: at(0, 1, 1),
    yScale: 'proportion',
  }
}

describe('a PDF written by pdf-lib', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-pdflib-'))
  const file = join(dir, 'figure.pdf')
  beforeAll(() => makePdf(file))

  it.each([1, 2])('reads the curve drawn segment by segment, on page %i', (pageNumber) => {
    const page = openPdfPage(file, { page: pageNumber, scale: 2 })
    try {
      expect(page.pageCount).toBe(2)
      // The rotated page renders on its side.
      expect([page.geometry.width, page.geometry.height]).toEqual(
        pageNumber === 1 ? [1000, 800] : [800, 1000],
      )
      const curves = findVectorCurves(page.paths, calibration(page.geometry.toPixel), {
        bounds: page.geometry,
      })
      expect(curves).toHaveLength(1)
      const [curve] = curves
      expect(curve.color).toEqual([204, 26, 26])
      expect(curve.lineWidth).toBeCloseTo(3, 6)
      const want = corners()
      expect(curve.points).toHaveLength(want.length)
      curve.points.forEach((p, i) => {
        expect(p.time).toBeCloseTo(want[i][0], 4)
        expect(p.surv).toBeCloseTo(want[i][1], 5)
      })
      expect(curve.censorMarks.map((m) => m.time)).toEqual(CENSOR.map((t) => expect.closeTo(t, 4)))
    } finally {
      page.close()
    }
  })

  it('renders the page: the curve in its colour where the paths say, white around it', () => {
    const page = openPdfPage(file, { scale: 2 })
    try {
      const { image } = page.render()
      const pixel = (t: number, s: number) => {
        const p = plot(t, s)
        const q = apply(
          page.geometry.toPixel,
          ...(Object.values(apply(CTM, p.x, p.y)) as [number, number]),
        )
        const i = (Math.floor(q.y) * image.width + Math.floor(q.x)) * 4
        return Array.from(image.data.slice(i, i + 3))
      }
      expect(pixel(10, 0.72)).toEqual([204, 26, 26])
      expect(pixel(24, 0.35)).toEqual([204, 26, 26])
      expect(pixel(10, 0.5)).toEqual([255, 255, 255])
      expect(pixel(24, 0.8)).toEqual([255, 255, 255])
    } finally {
      page.close()
    }
  })
})
