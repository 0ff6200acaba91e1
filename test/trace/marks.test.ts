import { describe, expect, it } from 'vitest'
import { parseColor, traceCurves } from '../../src/shared/trace'
import type { ArmStyle, FigureSpec } from '../generator/kmFigure'
import { figureSpec } from '../generator/figureSpec'
import { styledFigureSpec } from '../generator/styledFigure'
import { renderKmFigure } from './figures'
import { markScores as scoreMarks } from './helpers'

/**
 * Issue 10, censor marks: read in the curve's colour or in black over it (NEJM's "+"), as ticks
 * across the line or rising from it only (JCO), and at drops. Every censoring of the generated
 * figures is drawn (marks 1.5–2 px apart where censorings crowd); recall and precision are pooled
 * over development seeds 1–3, a traced mark matching a drawn one within 2 px in time.
 *
 * Issue 10's targets are recall ≥ 0.9 and precision ≥ 0.95. Crossing ticks meet them; black
 * "+" and upward ticks do not yet (a mark that sits on a drop is only seen by the ink it adds
 * beyond the line, an upward tick on a drop is hidden in it, and another arm's black marks lie
 * near the line): their limits below are regression locks just under what kmpool reads today,
 * not the targets.
 */
function markScores(overrides: Partial<FigureSpec>, arm: Partial<ArmStyle>) {
  return scoreMarks(
    [1, 2, 3].map((seed) =>
      renderKmFigure(figureSpec({ width: 1000, height: 700, ...overrides }, arm, seed)),
    ),
  )
}

describe('censor marks on generated figures (development seeds 1–3)', () => {
  it('reads ticks across the line to the targets', () => {
    const s = markScores({}, { censor: 'tick', markSize: 6 })
    expect(s.drawn).toBeGreaterThan(150)
    expect(s.recall).toBeGreaterThanOrEqual(0.9)
    expect(s.precision).toBeGreaterThanOrEqual(0.95)
  })

  it('reads black "+" marks on coloured curves', () => {
    // regression lock: produced by kmpool's tracer (recall 0.948, precision 0.962), not an
    // external reference. Recall was 0.97 before a black bar with the line's colour bled on both
    // sides counted as the line (monotonePath.ts), which made NEJM arms whole far more often.
    const s = markScores({}, { censor: 'plus', markSize: 5, markColor: '#000000', lineWidth: 1.5 })
    expect(s.recall).toBeGreaterThanOrEqual(0.94)
    expect(s.precision).toBeGreaterThanOrEqual(0.95)
  })

  it('reads upward ticks (JCO), also from a JPEG', () => {
    // regression lock: produced by kmpool's tracer (PNG recall 0.92, precision 0.97; JPEG 0.89,
    // 0.94), not an external reference
    const png = markScores({}, { censor: 'tickUp', markSize: 5, lineWidth: 1.5 })
    expect(png.recall).toBeGreaterThanOrEqual(0.89)
    expect(png.precision).toBeGreaterThanOrEqual(0.95)
    const jpeg = markScores({ jpeg: 0.8 }, { censor: 'tickUp', markSize: 5, lineWidth: 1.5 })
    expect(jpeg.recall).toBeGreaterThanOrEqual(0.86)
    expect(jpeg.precision).toBeGreaterThanOrEqual(0.92)
  })

  it('reads a cross or a circle once, at its centre', () => {
    // Their ink beyond the line is two halves either side of the centre; read as two marks, each
    // 2–4 px off, both miss (before: cross recall 0.43, precision 0.29; circle 0.33, 0.19).
    // regression lock: produced by kmpool's tracer (cross recall 0.79, precision 0.56; circle
    // 0.65, 0.42), not an external reference; the crowded marks of these figures overlap
    const cross = markScores({}, { censor: 'cross', markSize: 5, lineWidth: 2 })
    expect(cross.recall).toBeGreaterThanOrEqual(0.75)
    expect(cross.precision).toBeGreaterThanOrEqual(0.52)
    const circle = markScores({}, { censor: 'circle', markSize: 7, lineWidth: 2 })
    expect(circle.recall).toBeGreaterThanOrEqual(0.6)
    expect(circle.precision).toBeGreaterThanOrEqual(0.39)
  })

  it("does not take the ends of a dashed line's dashes for the halves of crosses", () => {
    // Development seed 3017 (JAMA): ticks on both arms, one dashed, whose dash ends lie a set
    // distance apart like a cross's halves; joined, 6 of its 247 ticks were lost (recall 0.98).
    // regression lock: produced by kmpool's tracer (recall 1.00), not an external reference
    const spec = styledFigureSpec(3017, 'jama')
    expect(spec.arms.map((a) => [a.censor, a.dash.length > 0])).toEqual([
      ['tick', false],
      ['tick', true],
    ])
    expect(scoreMarks([renderKmFigure(spec)]).recall).toBeGreaterThanOrEqual(0.99)
  })

  it('reads no marks where none are drawn', () => {
    // regression lock: produced by kmpool's tracer (2 marks over the 3 figures), not an external reference
    let traced = 0
    for (const seed of [1, 2, 3]) {
      const fig = renderKmFigure(figureSpec({ width: 1000, height: 700 }, { censor: 'none' }, seed))
      const curves = traceCurves(
        fig.image,
        fig.calibration,
        fig.arms.map((a) => parseColor(a.color)),
      )
      traced += curves.reduce((n, c) => n + c.censorMarks.length, 0)
    }
    expect(traced).toBeLessThanOrEqual(4)
  })
})
