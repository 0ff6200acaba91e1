import { describe, expect, it } from 'vitest'
import {
  type Point,
  type VectorPath,
  chainPolylines,
  curvesByColor,
  findVectorCurves,
} from '../../src/shared/pdf'
import type { Calibration, Rgb } from '../../src/shared/trace'

// Time 0–40 over x 100–500 px, survival 0–1 over y 500–100 px: 10 px a month, 400 px survival.
const CAL: Calibration = {
  x1: { px: 100, py: 500, value: 0 },
  x2: { px: 500, py: 500, value: 40 },
  y1: { px: 100, py: 500, value: 0 },
  y2: { px: 100, py: 100, value: 1 },
  yScale: 'proportion',
}
const px = (t: number, s: number): Point => ({ x: 100 + 10 * t, y: 500 - 400 * s })

const BLUE: Rgb = [31, 119, 180]
const RED: Rgb = [214, 39, 40]
const BLACK: Rgb = [0, 0, 0]
const GREY: Rgb = [200, 200, 200]

let index = 0
/** A stroked path over pixel polylines (page space = pixels here). */
function stroke(color: Rgb, lines: Point[][], extra: Partial<VectorPath> = {}): VectorPath {
  return {
    index: index++,
    stroke: color,
    fill: null,
    strokeAlpha: 1,
    fillAlpha: 1,
    lineWidth: 1.5,
    lineWidthPx: 1.5,
    dash: [],
    curved: false,
    subpaths: lines.map((l) => ({ page: l, pixel: l, closed: false })),
    ...extra,
  }
}

/** A KM step polyline through (time, surv) drops, ending at `end`. */
function steps(drops: [number, number][], end: number): Point[] {
  const out = [px(0, 1)]
  let s = 1
  for (const [t, next] of drops) {
    out.push(px(t, s), px(t, next))
    s = next
  }
  out.push(px(end, s))
  return out
}

/** A '+' censor mark at (t, s), 6 px across: its bar and upright as separate paths, as R draws. */
const plus = (color: Rgb, t: number, s: number) => {
  const c = px(t, s)
  return [
    stroke(
      color,
      [
        [
          { x: c.x - 3, y: c.y },
          { x: c.x + 3, y: c.y },
        ],
      ],
      { lineWidthPx: 0.75 },
    ),
    stroke(
      color,
      [
        [
          { x: c.x, y: c.y - 3 },
          { x: c.x, y: c.y + 3 },
        ],
      ],
      { lineWidthPx: 0.75 },
    ),
  ]
}

const A: [number, number][] = [
  [2, 0.9],
  [5, 0.75],
  [11, 0.5],
  [20, 0.3],
]
const B: [number, number][] = [
  [1, 0.8],
  [4, 0.6],
  [9, 0.4],
]

/** Everything a KM figure has besides its curves. */
function furniture(): VectorPath[] {
  const frame = [px(-1, -0.05), px(41, -0.05), px(41, 1.05), px(-1, 1.05), px(-1, -0.05)]
  const ticks = [0, 10, 20, 30, 40].map((t) => [px(t, -0.05), px(t, -0.07)])
  return [
    stroke(BLACK, [frame]),
    stroke(BLACK, ticks, { lineWidthPx: 0.75 }),
    // An axis drawn with its end ticks in one path.
    stroke(BLACK, [[px(0, -0.07), px(0, -0.05), px(40, -0.05), px(40, -0.07)]]),
    // Gridlines, horizontal and vertical.
    stroke(
      GREY,
      [0.25, 0.5, 0.75].map((s) => [px(0, s), px(40, s)]),
    ),
    stroke(
      GREY,
      [10, 20, 30].map((t) => [px(t, 0), px(t, 1)]),
    ),
    // Legend keys in the curves' colours.
    stroke(BLUE, [[px(30, 0.95), px(34, 0.95)]]),
    stroke(RED, [[px(30, 0.9), px(34, 0.9)]]),
    // A dashed median line, L-shaped, and a smooth fitted curve that falls.
    stroke(GREY, [[px(0, 0.5), px(11, 0.5), px(11, 0)]], { dash: [3, 3] }),
    stroke(BLUE, [Array.from({ length: 41 }, (_, t) => px(t, Math.exp(-t / 20)))], {
      lineWidthPx: 1,
    }),
  ]
}

describe('findVectorCurves', () => {
  it('picks the KM curves out of a figure and reads their corners exactly', () => {
    const paths = [...furniture(), stroke(BLUE, [steps(A, 30)]), stroke(RED, [steps(B, 25)])]
    const curves = findVectorCurves(paths, CAL)
    expect(curves.map((c) => c.color)).toEqual([BLUE, RED])
    const blue = curves[0].points.map((p) => [p.time, p.surv])
    const expected = [
      [0, 1],
      ...A.flatMap(([t, s], i) => [
        [t, i ? A[i - 1][1] : 1],
        [t, s],
      ]),
      [30, 0.3],
    ]
    expect(blue).toHaveLength(expected.length)
    blue.forEach(([t, s], i) => {
      expect(t).toBeCloseTo(expected[i][0], 9)
      expect(s).toBeCloseTo(expected[i][1], 9)
    })
    expect(curves[0].lineWidth).toBe(1.5)
    expect(curves.every((c) => c.warnings.length === 0)).toBe(true)
  })

  it('joins a curve drawn one segment at a time, and keeps two such curves apart', () => {
    const pieces = (p: Point[]) => p.slice(1).map((q, i) => [p[i], q])
    const paths = [
      ...pieces(steps(A, 30)).map((seg) => stroke(BLACK, [seg])),
      ...pieces(steps(B, 25)).map((seg) => stroke(BLACK, [seg])),
    ]
    const curves = findVectorCurves(paths, CAL)
    expect(curves).toHaveLength(2)
    expect(curves.map((c) => c.points.length).sort((a, b) => a - b)).toEqual([8, 10])
    expect(curves[0].warnings.map((w) => w.code)).toEqual(['same-style'])
  })

  it('tells same-coloured curves apart by dash, and reads a curve drawn backwards', () => {
    const curves = findVectorCurves(
      [stroke(BLACK, [steps(A, 30)]), stroke(BLACK, [steps(B, 25).reverse()], { dash: [4, 2] })],
      CAL,
    )
    expect(curves.map((c) => c.dash)).toEqual([[], [4, 2]])
    expect(curves[1].points[0]).toMatchObject({ time: 0, surv: 1 })
    expect(curves.every((c) => c.warnings.length === 0)).toBe(true)
  })

  it('reads censor marks on each curve, apart however close, and not the axis ticks', () => {
    const paths = [
      ...furniture(),
      stroke(BLUE, [steps(A, 30)]),
      stroke(RED, [steps(B, 25)]),
      // Two marks 0.2 months (2 px) apart overlap in a picture; a third at a fall.
      ...plus(BLUE, 3, 0.9),
      ...plus(BLUE, 3.2, 0.9),
      ...plus(BLUE, 11, 0.5),
      ...plus(BLUE, 30, 0.3),
      // Ticks, one a little above the line.
      stroke(RED, [[px(12, 0.38), px(12, 0.44)]], { lineWidthPx: 0.75 }),
      stroke(RED, [[px(15, 0.4), px(15, 0.42)]], { lineWidthPx: 0.75 }),
      // A blue mark off the blue curve, and a red one on the blue curve: neither is a mark.
      ...plus(BLUE, 15, 0.9),
      ...plus(RED, 25.5, 0.3),
    ]
    const [blue, red] = findVectorCurves(paths, CAL)
    expect(blue.censorMarks.map((m) => m.time)).toEqual(
      [3, 3.2, 11, 30].map((t) => expect.closeTo(t, 9)),
    )
    expect(blue.censorMarks.map((m) => m.surv)).toEqual(
      [0.9, 0.9, 0.5, 0.3].map((s) => expect.closeTo(s, 9)),
    )
    expect(red.censorMarks.map((m) => m.time)).toEqual([12, 15].map((t) => expect.closeTo(t, 9)))
    expect(red.censorMarks.every((m) => Math.abs(m.surv - 0.4) < 1e-9)).toBe(true)
  })

  it('leaves out paths outside the image (another panel) and fills as curves', () => {
    const other = steps(A, 30).map((p) => ({ x: p.x + 700, y: p.y }))
    const filled: VectorPath = { ...stroke(RED, [steps(B, 25)]), stroke: null, fill: RED }
    const paths = [stroke(BLUE, [steps(A, 30)]), stroke(BLUE, [other]), filled]
    expect(findVectorCurves(paths, CAL)).toHaveLength(1)
    expect(findVectorCurves(paths, CAL, { bounds: { width: 600, height: 600 } })).toHaveLength(1)
    const wider = findVectorCurves([stroke(BLUE, [steps(A, 30)]), stroke(BLUE, [other])], {
      ...CAL,
      x2: { px: 900, py: 500, value: 80 },
    })
    expect(wider).toHaveLength(2)
    expect(
      findVectorCurves(
        [stroke(BLUE, [steps(A, 30)]), stroke(BLUE, [other])],
        {
          ...CAL,
          x2: { px: 900, py: 500, value: 80 },
        },
        { bounds: { width: 600, height: 600 } },
      ),
    ).toHaveLength(1)
  })

  it('returns nothing for a page without curves, and never NaN', () => {
    expect(findVectorCurves([], CAL)).toEqual([])
    expect(findVectorCurves(furniture(), CAL)).toEqual([])
    const [curve] = findVectorCurves(
      [stroke(BLUE, [[px(-0.001, 1.0001), ...steps(A, 30).slice(1)]])],
      CAL,
    )
    expect(curve.points[0]).toMatchObject({ time: 0, surv: 1 })
    for (const p of curve.points) expect(Number.isFinite(p.time + p.surv + p.x + p.y)).toBe(true)
  })
})

describe('curvesByColor', () => {
  it('gives each colour its nearest curves, in the order asked', () => {
    const curves = [{ color: BLUE }, { color: RED }, { color: [35, 120, 178] as Rgb }]
    expect(curvesByColor(curves, [RED, BLUE])).toEqual([[curves[1]], [curves[0], curves[2]]])
    expect(curvesByColor(curves, [[0, 200, 0]])).toEqual([[]])
  })
})

describe('chainPolylines', () => {
  it('joins pieces end to start only where the joint is unambiguous', () => {
    const p = (x: number, y: number) => ({ x, y })
    const chains = chainPolylines([
      [p(1, 0), p(2, 0)],
      [p(0, 0), p(1, 0)],
      [p(2, 0), p(3, 0)],
      [p(2, 0), p(2, 5)],
      [p(9, 9), p(8, 8), p(9, 9)],
    ])
    expect(chains.map((c) => c.members)).toEqual([[1, 0], [2], [3], [4]])
    expect(chains[0].points).toEqual([p(0, 0), p(1, 0), p(2, 0)])
  })
})
