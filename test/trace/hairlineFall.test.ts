import { describe, expect, it } from 'vitest'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { tracedWithWholeness } from './helpers'

/**
 * Issue 10, a hairline (0.5 px, Lancet) blurred by JPEG over two rows: its pixels are too pale to
 * make runs over long stretches, and a fall across such a stretch was left as a slope from the
 * last run seen to the next, putting the drop anywhere along it. The line's faint coverage shows
 * at which level it runs there, and the drop is placed where that level changes
 * (stepCorners.ts: faintLevels). The same reading holds a black line's first plateau at survival 1
 * where the path, drawn down the black axis beside the start, saw none of it.
 */
describe('a fall across a stretch of pale hairline', () => {
  it('is placed where the faint line changes level (development seed 3076, Arm A)', () => {
    const w = tracedWithWholeness(renderKmFigure(styledFigureSpec(3076, 'lancet')))[0].whole
    expect(w.within).toBeGreaterThanOrEqual(0.95)
    expect(w.gapP95).toBeLessThanOrEqual(0.01)
    expect(w.whole).toBe(true)
  })
  it('from the start, where the path left the line for the axis (development seed 3042, Arm A)', () => {
    const w = tracedWithWholeness(renderKmFigure(styledFigureSpec(3042, 'random')))[0].whole
    expect(w.within).toBeGreaterThanOrEqual(0.95)
    expect(w.whole).toBe(true)
  })
})
