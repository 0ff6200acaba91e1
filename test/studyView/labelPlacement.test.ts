import { describe, expect, it } from 'vitest'
import { draftFromCalibration } from '../../src/renderer/src/geometry/calibration'
import type { Rect } from '../../src/renderer/src/geometry/hit'
import {
  axisTextStrips,
  calibrationLabels,
  placeLabels,
} from '../../src/renderer/src/geometry/labelPlacement'

const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
const rectOf = (p: { x: number; y: number }, s: { w: number; h: number }): Rect => ({
  x0: p.x,
  y0: p.y,
  x1: p.x + s.w,
  y1: p.y + s.h,
})
/** Every text 6 screen pixels a character. */
const measure = (text: string) => 6 * text.length

describe('calibration labels', () => {
  // The lung figure's calibration as read (../shared/cases/lung): X1 at 12, X2 at 36 on the right
  // edge, Y1 and Y2 on the left.
  const draft = {
    ...draftFromCalibration(null),
    points: {
      x1: { x: 616.7, y: 761 },
      x2: { x: 1370, y: 761 },
      y1: { x: 239, y: 760 },
      y2: { x: 239, y: 60 },
    },
  }

  it('are above and right of each point, or on its left at the figure’s right edge', () => {
    const labels = calibrationLabels(draft, true, 0.5, 1400, measure)
    expect(labels.map((l) => l.text)).toEqual([
      'X1 (to check)',
      'X2 (to check)',
      'Y1 (to check)',
      'Y2 (to check)',
    ])
    const x2 = labels[1]
    // 13 characters at 6 px on the screen, 0.5 image px per screen px: 39 image px wide.
    expect(x2.right).toBe(true)
    expect(x2.box).toEqual({ x0: 1370 - 2 - 39, y0: 761 - 2 - 11 * 1.25 * 0.5, x1: 1368, y1: 759 })
    expect(labels[0].right).toBe(false)
    expect(labels[0].box.x0).toBe(616.7 + 2)
  })

  it('name both points at a shared origin once', () => {
    const shared = { ...draft, points: { ...draft.points, y1: { x: 616.7, y: 761 } } }
    const labels = calibrationLabels(shared, false, 1, 1400, measure)
    expect(labels.map((l) => l.text)).toEqual(['X1 Y1', 'X2', 'Y2'])
  })
})

describe('curve labels placed clear of the others', () => {
  const bounds = { width: 1000, height: 600 }
  const size = { w: 150, h: 22 }

  it('stay level with their curve’s end where nothing is in the way, on its right', () => {
    const [p] = placeLabels([{ x: 500, y: 300 }], [size], [], bounds, 8, 3)
    expect(p).toEqual({ x: 508, y: 289, left: false })
  })

  it('go on the left of an end near the right edge', () => {
    const [p] = placeLabels([{ x: 950, y: 300 }], [size], [], bounds, 8, 3)
    expect(p).toEqual({ x: 950 - 8 - 150, y: 289, left: true })
  })

  it('keep clear of a calibration label and of each other, moving as little as needed', () => {
    // Two curves ending near the bottom right, as on the lung figure, under "X2 (to check)".
    const ends = [
      { x: 880, y: 540 },
      { x: 900, y: 560 },
    ]
    const x2: Rect = { x0: 860, y0: 545, x1: 990, y1: 560 }
    const places = placeLabels(ends, [size, size], [x2], bounds, 8, 3)
    const rects = places.map((p) => rectOf(p, size))
    expect(overlaps(rects[0], x2)).toBe(false)
    expect(overlaps(rects[1], x2)).toBe(false)
    expect(overlaps(rects[0], rects[1])).toBe(false)
    // Both on the left (no room on the right); the first just clear above the X2 label's box
    // grown by the gap, the second just below the first, or clear of the X2 label.
    expect(places.map((p) => p.left)).toEqual([true, true])
    expect(rects[0].y1).toBeLessThanOrEqual(x2.y0 - 3)
    expect(rects[0].y1).toBeGreaterThan(x2.y0 - 3 - 2)
    for (const r of rects) {
      expect(r.y0).toBeGreaterThanOrEqual(0)
      expect(r.y1).toBeLessThanOrEqual(bounds.height)
    }
  })

  it('labels of curves ending at one place go one under the other, in their order', () => {
    const ends = [
      { x: 200, y: 300 },
      { x: 200, y: 301 },
      { x: 200, y: 302 },
    ]
    const places = placeLabels(ends, [size, size, size], [], bounds, 8, 3)
    const rects = places.map((p) => rectOf(p, size))
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) expect(overlaps(rects[i], rects[j])).toBe(false)
    }
    expect(places[0].y).toBe(289)
    expect(places.every((p) => !p.left)).toBe(true)
  })

  it('stay level with their end when nothing within reach is free', () => {
    const wall: Rect = { x0: 0, y0: 0, x1: 1000, y1: 600 }
    const [p] = placeLabels([{ x: 500, y: 300 }], [size], [wall], bounds, 8, 3)
    expect(p).toEqual({ x: 508, y: 289, left: false })
  })
})

describe("labels kept off the figure's own axis text", () => {
  // A figure 1000 × 600 whose time axis is the row 500 and survival axis the column 80, as the
  // calibration points on them say (Y1 halfway up, as clicked).
  const cal = {
    x1: { px: 80, py: 500 },
    x2: { px: 900, py: 500 },
    y1: { px: 80, py: 300 },
    y2: { px: 80, py: 50 },
  }
  const size = { w: 150, h: 22 }

  it('are the strips below the time axis and left of the survival axis, to the edges', () => {
    expect(axisTextStrips(cal, 1000, 600)).toEqual([
      { x0: 0, y0: 501, x1: 1000, y1: 600 },
      { x0: 0, y0: 0, x1: 79, y1: 600 },
    ])
    // X points a pixel apart (clicked by hand): the lower row; Y points apart: the leftmost.
    const uneven = { ...cal, x2: { px: 900, py: 502 }, y2: { px: 78, py: 50 } }
    expect(axisTextStrips(uneven, 1000, 600)).toEqual([
      { x0: 0, y0: 503, x1: 1000, y1: 600 },
      { x0: 0, y0: 0, x1: 77, y1: 600 },
    ])
    // Axes on the figure's edges: nothing printed beyond them, no strip.
    const edges = { x1: { px: 0, py: 599 }, x2: { px: 900, py: 599 }, y1: cal.y1, y2: cal.y2 }
    expect(
      axisTextStrips({ ...edges, y1: { px: 0, py: 300 }, y2: { px: 0, py: 50 } }, 1000, 600),
    ).toEqual([])
  })

  it('move a label of a curve ending on the time axis up, off the tick labels', () => {
    const strips = axisTextStrips(cal, 1000, 600)
    // A curve that falls to 0 at the right (its label goes on the left, no room on the right),
    // and one that ends on the axis near the survival axis (on the right, clear of its strip).
    const ends = [
      { x: 900, y: 500 },
      { x: 90, y: 500 },
    ]
    const places = placeLabels(ends, [size, size], strips, { width: 1000, height: 600 }, 8, 3)
    const rects = places.map((p) => rectOf(p, size))
    for (const r of rects) for (const s of strips) expect(overlaps(r, s)).toBe(false)
    expect(overlaps(rects[0], rects[1])).toBe(false)
    // Moved up as little as needed: its bottom just clear of the strip grown by the gap.
    expect(places[0]).toMatchObject({ left: true, x: 900 - 8 - 150 })
    expect(rects[0].y1).toBeLessThanOrEqual(501 - 3)
    expect(rects[0].y1).toBeGreaterThan(501 - 3 - 2)
    expect(places[1].left).toBe(false)
    expect(rects[1].x0).toBeGreaterThanOrEqual(79 + 3)
    expect(rects[1].y1).toBeLessThanOrEqual(501 - 3)
  })
})
