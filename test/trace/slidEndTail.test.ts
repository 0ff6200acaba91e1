import { describe, expect, it } from 'vitest'
import { armOf, tracedStyled } from './helpers'

/**
 * A tail that runs on beside or under another arm's line, where the trace slid a few pixels off
 * its line near the end (pathEnd.ts: endPath). Random style, true colours, development seeds:
 * 6102, a black arm hidden under the red arm's line, whose trace slid 4 px down its last tick
 * and stopped 1.2 months (3% of the time span) early; 7356, an orange arm drawn just above the
 * green arm's thick line, whose trace slid 8 px onto the lower ends of a cluster of its ticks
 * below that line and stopped 2.8 months (4%) early. Both were said whole, with no warning.
 */
describe('a trace that slid off its line near its end', () => {
  it.each([
    [6102, '#000000'],
    [7356, '#ff7f0e'],
  ])('is carried on along the line it left (seed %i, arm %s)', (seed, color) => {
    const { whole } = armOf(tracedStyled(seed, 'random'), { color })
    expect(whole).toMatchObject({ whole: true })
  })
})
