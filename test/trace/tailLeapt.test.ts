import { describe, expect, it } from 'vitest'
import { armOf, tracedStyled } from './helpers'

/**
 * Issue 10, tails that leapt: a path that bridged columns past its line's end and dropped across
 * the background onto another curve's line below rode that line to its end (retraceAlongOthers.ts,
 * traceAudit.ts: tailLeapt). Lancet development seed 4090: the grey dashed arm C left its line at
 * month 43.7 and leapt 88 px down onto the navy arm A's line, whose tail it followed 2.6 months
 * past its own end (end gap 0.060 of the time span). Traced again with the navy line left out, it
 * ends where its line does, and is warned of the leap; arm A keeps its trace.
 */
describe('a tail that leapt across the background onto another curve', () => {
  const arms = tracedStyled(4090, 'lancet')

  it('is traced again off that line and ends with its own line', () => {
    const grey = armOf(arms, { name: 'Arm C' })
    expect(Math.abs(grey.whole.endGap)).toBeLessThan(0.02 * grey.span)
  })

  it('is warned of (code tail-leapt), naming the line it leapt onto', () => {
    const grey = armOf(arms, { name: 'Arm C' })
    const w = grey.curve.warnings.find((x) => x.code === 'tail-leapt')
    expect(w?.message).toBe(
      'the trace of colour #808080 dropped across the background onto the line of colour #00468b and ran along it to its end; it was traced again with that line left out: check the end of the curve against the figure',
    )
  })

  it('leaves the other curve as it was traced', () => {
    const navy = armOf(arms, { name: 'Arm A' })
    expect(navy.whole.whole).toBe(true)
    expect(navy.curve.warnings.map((x) => x.code)).not.toContain('tail-leapt')
  })
})
