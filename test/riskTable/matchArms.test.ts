import { describe, expect, it } from 'vitest'
import { matchArms } from '../../src/shared/riskTable/matchArms'

const cells = (times: number[], n: number[]) => times.map((time, i) => ({ time, nRisk: n[i] }))
/** Exponential survival with this median. */
const curve = (color: string, median: number) => ({
  color,
  survivalAt: (t: number) => Math.exp((-Math.LN2 * t) / median),
})

describe('matchArms', () => {
  const times = [0, 12, 24]
  const long = cells(times, [100, 70, 45]) // n/n0 0.70, 0.45: under a median-30 curve (0.76, 0.57)
  const short = cells(times, [100, 40, 15]) // under a median-10 curve (0.44, 0.19)

  it('matches by colour, the closest pair within ΔE 25', () => {
    const m = matchArms(
      [
        { color: '#d62728', cells: long },
        { color: '#1f77b4', cells: short },
      ],
      [curve('#1f77b4', 10), curve('#d72a2a', 30)],
    )
    expect(m).toEqual({ curveOf: [1, 0], by: 'color' })
  })

  it('matches by the numbers when the labels are black, never a row above its curve', () => {
    const m = matchArms(
      [{ cells: short }, { cells: long }],
      [curve('#000000', 30), curve('#888888', 10)],
    )
    expect(m).toEqual({ curveOf: [1, 0], by: 'numbers' })
  })

  it('falls back to the order, and says so, when the numbers fit either way', () => {
    const m = matchArms(
      [{ cells: long }, { cells: long }],
      [curve('#000000', 30), curve('#888888', 30)],
    )
    expect(m).toEqual({ curveOf: [0, 1], by: 'order' })
  })

  it('leaves a row without a curve when there are more rows than curves', () => {
    const m = matchArms([{ cells: long }, { cells: short }], [curve('#000000', 30)])
    expect(m.curveOf).toEqual([0, null])
  })
})
