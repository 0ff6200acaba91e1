import { describe, expect, it } from 'vitest'
import { TraceError, parseColor, traceCurves, traceEachCurve } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'

/**
 * Development seed 7301 (JAMA style, JPEG): slate arm A is plain; grey dashed arm B is drawn so
 * faint that its trace rides A's line. Orange dashed arm C, as faint, is traced (read with ridges
 * as core: traceCurve.ts), so the refused curve asked for here is a colour the figure lacks.
 */
describe('each curve of a figure traced, a refused one beside the rest', () => {
  const fig = renderKmFigure(styledFigureSpec(7301, 'jama'))
  const colors = [...fig.arms.slice(0, 2).map((a) => parseColor(a.color)), parseColor('#00a000')]
  const refusal =
    'no pixels of colour #00a000 in the plot area (tolerance 18); check the colour or raise the tolerance'

  it('keeps the curves traced, says why the refused one was, and checks the rest together', () => {
    const [a, b, c] = traceEachCurve(fig.image, fig.calibration, colors)
    expect(c).toBeInstanceOf(TraceError)
    expect((c as TraceError).message).toBe(refusal)
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
    expect(() => traceCurves(fig.image, fig.calibration, colors)).toThrow(refusal)
  })
})
