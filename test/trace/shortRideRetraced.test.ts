import { describe, expect, it } from 'vitest'
import { armOf, tracedStyled } from './helpers'

/**
 * A lighter arm whose trace rode a darker arm's line for a stretch too short a share of its
 * length for the follows-other thresholds (retraceAlongOthers.ts: the short re-trace), while its
 * own thin line there was too faint to hold the trace. No development seed of 3000–4119 shows it;
 * this one is from the 7240–7479 dev range.
 */
describe('a short ride along a darker line', () => {
  // JCO development seed 7479: the yellow arm (0.5 px) ran along the grey arm's line from about
  // month 0.9 to month 2.7 (43 of its 618 columns, 12–24 px above its own line), then came back:
  // not whole and not warned of. With the grey line masked there, its re-trace sees more of its
  // own ink and lies on its line.
  it('is traced again off the other line (seed 7479)', () => {
    const yellow = armOf(tracedStyled(7479, 'jco'), { color: '#EFC000' })
    expect(yellow.whole.whole).toBe(true)
    expect(yellow.whole.gapP95).toBeLessThan(0.01)
  })
})
