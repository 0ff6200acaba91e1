import { describe, expect, it } from 'vitest'
import { isFlagged } from './wholeness'
import { armOf, tracedStyled } from './helpers'

/**
 * A trace whose tail drops onto another arm's tail at its end and runs along it to that arm's
 * end (traceAudit.ts: tailJumped). The run is shorter than the follows-other thresholds, and the
 * darker arm is the one that jumped, so neither the re-trace nor the follows-other warning saw it
 * before: the arms were whole-looking and unwarned, with an end past their own.
 */
describe('a tail that jumped onto another arm', () => {
  // JAMA development seed 7325: the slate arm ends at month 21.2 just above the grey arm's tail;
  // its trace stepped down onto the grey line and ran along it to month 21.6. The grey line there
  // reads as grey, so the re-trace with it masked is kept and ends on the slate arm's own tail.
  it('is traced again off the other tail when the line there is the other colour (seed 7325)', () => {
    const slate = armOf(tracedStyled(7325, 'jama'), { color: '#374E55' })
    expect(slate.whole.whole).toBe(true)
    expect(slate.curve.points.at(-1)!.time).toBeLessThan(21.4)
  })

  // NEJM development seed 7430: the red arm's tail, under dense black marks, dropped at month 40.5
  // onto the orange arm's tail and ran along it to month 42.5. The faded lines there read as
  // neither colour, so the first trace is kept, and the red arm (the darker) is warned.
  it('warns the arm that jumped when the colours cannot tell (seed 7430)', () => {
    const red = armOf(tracedStyled(7430, 'nejm'), { color: '#BC3C29' })
    expect(red.curve.warnings.map((w) => w.code)).toContain('follows-other')
    expect(isFlagged(red.curve)).toBe(true)
  })
})
