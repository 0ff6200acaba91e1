import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, it } from 'vitest'
import {
  type Matrix,
  PATH_OPS,
  type PdfOps,
  compose,
  extractVectorPaths,
} from '../../src/shared/pdf'

const ops = OPS as unknown as PdfOps

// PDF.js 5's DrawOPS codes inside a constructPath's buffer.
const M = 0
const L = 1
const C = 2
const Z = 4

type Op = [number, unknown]

/** An operator list as PDF.js 5 builds it: constructPath has its paint operator and a buffer. */
function list(...items: Op[]) {
  return { fnArray: items.map((i) => i[0]), argsArray: items.map((i) => i[1]) }
}
const path = (paint: number, ...data: number[]): Op => [
  OPS.constructPath,
  [paint, [new Float32Array(data)], [0, 0, 0, 0]],
]

describe('extractVectorPaths', () => {
  it('names only operators the installed PDF.js has', () => {
    for (const name of PATH_OPS) expect(typeof (OPS as Record<string, number>)[name]).toBe('number')
  })

  it('reads a stroked polyline with its colour and width, in points and in pixels', () => {
    const toPixel: Matrix = [2, 0, 0, -2, 0, 864] // a 432 pt high page at scale 2
    const paths = extractVectorPaths(
      list(
        [OPS.setStrokeRGBColor, ['#1f77b4']],
        [OPS.setLineWidth, [1.5]],
        path(OPS.stroke, M, 10, 400, L, 50, 400, L, 50, 300),
      ),
      ops,
      toPixel,
    )
    expect(paths).toHaveLength(1)
    const p = paths[0]
    expect(p.stroke).toEqual([31, 119, 180])
    expect(p.fill).toBeNull()
    expect(p.lineWidth).toBe(1.5)
    expect(p.lineWidthPx).toBe(3)
    expect(p.subpaths[0].page).toEqual([
      { x: 10, y: 400 },
      { x: 50, y: 400 },
      { x: 50, y: 300 },
    ])
    expect(p.subpaths[0].pixel).toEqual([
      { x: 20, y: 64 },
      { x: 100, y: 64 },
      { x: 100, y: 264 },
    ])
  })

  it('follows the CTM through cm, save/restore and form XObjects, and scales line widths', () => {
    const paths = extractVectorPaths(
      list(
        [OPS.save, null],
        [OPS.transform, [2, 0, 0, 2, 100, 50]],
        [OPS.setLineWidth, [0.5]],
        path(OPS.stroke, M, 0, 0, L, 10, 0),
        [
          OPS.paintFormXObjectBegin,
          [
            [1, 0, 0, 1, 5, 5],
            [0, 0, 10, 10],
          ],
        ],
        path(OPS.stroke, M, 0, 0, L, 0, 10),
        [OPS.paintFormXObjectEnd, null],
        [OPS.restore, null],
        path(OPS.stroke, M, 0, 0, L, 1, 1),
      ),
      ops,
    )
    expect(paths.map((p) => p.subpaths[0].page)).toEqual([
      [
        { x: 100, y: 50 },
        { x: 120, y: 50 },
      ],
      [
        { x: 110, y: 60 },
        { x: 110, y: 80 },
      ],
      [
        { x: 0, y: 0 },
        { x: 1, y: 1 },
      ],
    ])
    expect(paths.map((p) => p.lineWidth)).toEqual([1, 1, 1])
  })

  it('takes width, dash and opacity from an ExtGState, and dash from setDash', () => {
    const paths = extractVectorPaths(
      list(
        [
          OPS.setGState,
          [
            [
              ['LW', 2],
              ['CA', 0.5],
              ['D', [[3, 1], 0]],
            ],
          ],
        ],
        path(OPS.stroke, M, 0, 0, L, 1, 0),
        [OPS.setDash, [[], 0]],
        path(OPS.stroke, M, 0, 0, L, 1, 0),
      ),
      ops,
    )
    expect(paths[0]).toMatchObject({ lineWidth: 2, strokeAlpha: 0.5, dash: [3, 1] })
    expect(paths[1].dash).toEqual([])
  })

  it('tells strokes from fills, and leaves clipping paths and patterns out', () => {
    const paths = extractVectorPaths(
      list(
        [OPS.setFillRGBColor, ['#ff0000']],
        path(OPS.fill, M, 0, 0, L, 1, 0, L, 1, 1, Z),
        path(OPS.endPath, M, 0, 0, L, 5, 0, L, 5, 5, Z),
        path(OPS.fillStroke, M, 0, 0, L, 2, 0, L, 2, 2, Z),
        [OPS.setStrokeTransparent, []],
        path(OPS.stroke, M, 0, 0, L, 3, 0),
      ),
      ops,
    )
    expect(paths).toHaveLength(3)
    expect(paths[0]).toMatchObject({ stroke: null, fill: [255, 0, 0] })
    expect(paths[1]).toMatchObject({ stroke: [0, 0, 0], fill: [255, 0, 0] })
    expect(paths[2].stroke).toBeNull()
    // closePath repeats the first vertex.
    expect(paths[0].subpaths[0].page.at(-1)).toEqual({ x: 0, y: 0 })
    expect(paths[0].subpaths[0].closed).toBe(true)
  })

  it('flattens Bézier curves and splits subpaths at moveTo', () => {
    const [p] = extractVectorPaths(
      list(path(OPS.stroke, M, 0, 0, C, 0, 1, 1, 1, 1, 0, M, 5, 5, L, 6, 5)),
      ops,
    )
    expect(p.curved).toBe(true)
    expect(p.subpaths).toHaveLength(2)
    expect(p.subpaths[0].page).toHaveLength(9)
    expect(p.subpaths[0].page.at(-1)).toEqual({ x: 1, y: 0 })
    expect(p.subpaths[0].page[4].y).toBeCloseTo(0.75, 12)
  })

  it('skips malformed operators without throwing or making NaN', () => {
    const paths = extractVectorPaths(
      list(
        [OPS.transform, [1, 0, 0, Number.NaN, 0, 0]],
        [OPS.setLineWidth, ['wide']],
        [OPS.setStrokeRGBColor, [[1, 2, 3]]],
        [OPS.constructPath, [OPS.stroke, [null], null]],
        [OPS.constructPath, null],
        path(OPS.stroke, M, 0, 0, L, 1),
        path(OPS.stroke, M, 0, 0, L, 4, 4, 99, 1, 1),
      ),
      ops,
    )
    expect(paths).toHaveLength(1)
    expect(paths[0].stroke).toBeNull()
    expect(paths[0].lineWidth).toBe(1)
    expect(paths[0].subpaths[0].page).toEqual([
      { x: 0, y: 0 },
      { x: 4, y: 4 },
    ])
  })

  it('composes transforms as PDF does: the new matrix first', () => {
    const scale: Matrix = [2, 0, 0, 2, 0, 0]
    const shift: Matrix = [1, 0, 0, 1, 10, 0]
    expect(compose(scale, shift)).toEqual([2, 0, 0, 2, 10, 0])
    expect(compose(shift, scale)).toEqual([2, 0, 0, 2, 20, 0])
  })
})
