import { describe, expect, it } from 'vitest'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { markScores } from './helpers'

/**
 * Issue 10, JAMA arms drawn with no censor marks. Beside the path of such an arm lies ink of its
 * own line the path misses (the corners of a run of small steps the tracer drew as a slope, a
 * dashed line's gaps, JPEG ringing) and the fringe of the other arms' lines and marks; it lies on
 * one side of the line, where drawn ticks, "+", crosses and circles cross it. An arm of which
 * few marks cross the line and whose marks are not upward ticks (their ink mostly above) has
 * none (censorMarks.ts: CROSSING_SHARE). Development seeds, forced JAMA style.
 */
function tracedJama(seed: number) {
  const spec = styledFigureSpec(seed, 'jama')
  const fig = renderKmFigure(spec)
  const curves = traceCurves(
    fig.image,
    fig.calibration,
    fig.arms.map((a) => parseColor(a.color)),
  )
  return { spec, curves }
}

function unmarkedReads(seed: number) {
  const { spec, curves } = tracedJama(seed)
  return curves.map((c, i) => (spec.arms[i].censor === 'none' ? c.censorMarks.length : null))
}

describe('an arm drawn without censor marks reads none', () => {
  // regression lock: produced by kmpool's tracer, not an external reference. Before the change:
  // seed 3039's three unmarked arms read 43, 49 and 2 marks, seed 3029's grey arm 48; after, 43,
  // 0 and 0, and 0 (3039's first arm keeps at least 0.2 of its reads crossing the line).
  it('JAMA, seed 3039 (the grey and the orange arm)', () => {
    expect(unmarkedReads(3039).slice(1)).toEqual([0, 0])
  })
  it('JAMA, seed 3029 (the grey arm)', () => {
    expect(unmarkedReads(3029)[1]).toBe(0)
  })
  it('says so: the marks set aside are a note on the curve', () => {
    const { curves } = tracedJama(3029)
    expect(curves[1].warnings.find((w) => w.code === 'marks-one-sided')?.message).toMatch(
      /^47 censor marks read along the curve of colour #[0-9a-f]{6} lie on one side of its line only,.*none kept; if the curve has censor marks, add them by hand$/,
    )
  })
  it('JAMA, seed 3017: arms with ticks keep them', () => {
    const s = markScores([renderKmFigure(styledFigureSpec(3017, 'jama'))])
    expect(s.drawn).toBeGreaterThan(100)
    expect(s.recall).toBeGreaterThanOrEqual(0.9)
  })
})
