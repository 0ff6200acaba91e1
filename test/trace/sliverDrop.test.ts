import { describe, expect, it } from 'vitest'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { tracedWithWholeness } from './helpers'

/**
 * Issue 10, survminer arms 3–4 px wide drawn one over the other near their start: a sliver of an
 * arm's colour (an anti-aliased edge, 0.5 px tall) a few pixels below its line is no dash of it,
 * and the path does not drop onto it for free and ride the ink below the line
 * (monotonePath.ts: SLIVER).
 */
describe('a sliver of colour below a thick line', () => {
  it('does not pull the trace off its line (development seed 4111, Strata 3)', () => {
    const w = tracedWithWholeness(renderKmFigure(styledFigureSpec(4111, 'survminer')))[2].whole
    expect(w.within).toBeGreaterThanOrEqual(0.95)
    expect(w.whole).toBe(true)
  })
})
