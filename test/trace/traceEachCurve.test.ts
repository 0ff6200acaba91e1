import { describe, expect, it } from 'vitest'
import { TraceError, parseColor, traceCurves, traceEachCurve } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'

/**
 * Development seed 7301 (JAMA style, JPEG): slate arm A is plain; grey dashed arm B and orange
 * dashed arm C are drawn so faint that C cannot be traced at all, and B's trace rides A's line.
 */
describe('each curve of a figure traced, a refused one beside the rest', () => {
  const fig = renderKmFigure(styledFigureSpec(7301, 'jama'))
  const colors = fig.arms.map((a) => parseColor(a.color))

  it('keeps the curves traced, says why the refused one was, and checks the rest together', () => {
    const [a, b, c] = traceEachCurve(fig.image, fig.calibration, colors)
    expect(c).toBeInstanceOf(TraceError)
    expect((c as TraceError).message).toBe(
      'no curve of colour #df8f44 starts near survival 1 at time 0',
    )
    expect(a).not.toBeInstanceOf(TraceError)
    // Checked against A although C failed: traced alone beside the others' colours (as the
    // bench and the app's Trace button did before), B's trace said nothing.
    const follows = (b as Exclude<typeof b, TraceError>).warnings.filter(
      (w) => w.code === 'follows-other',
    )
    expect(follows.map((w) => w.message)).toEqual([
      expect.stringContaining('runs along the trace of colour #374e55'),
    ])
  })

  it('traceCurves, which needs every curve, throws the refusal', () => {
    expect(() => traceCurves(fig.image, fig.calibration, colors)).toThrow(
      'no curve of colour #df8f44 starts near survival 1 at time 0',
    )
  })
})
