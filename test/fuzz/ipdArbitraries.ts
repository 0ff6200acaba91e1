import fc from 'fast-check'
import type { IpdRow } from '../../src/shared/reconstruct/types'

/**
 * A cohort as a trial records it: exponential event times, uniform drop-out, administrative
 * censoring at the end of follow-up, times rounded to a day-like grid so that ties occur.
 */
export const cohortArb = (maxN: number): fc.Arbitrary<IpdRow[]> =>
  fc
    .record({
      meanTime: fc.double({ min: 2, max: 80, noNaN: true }),
      followUp: fc.double({ min: 5, max: 120, noNaN: true }),
      grid: fc.constantFrom(0.01, 0.1, 1),
      uniforms: fc.array(
        fc.tuple(
          fc.double({ min: 1e-9, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.boolean(),
        ),
        { minLength: 1, maxLength: maxN, size: 'max' },
      ),
    })
    .map(({ meanTime, followUp, grid, uniforms }) =>
      uniforms.map(([u, v, dropsOut]) => {
        const round = (t: number) => Math.round(t / grid) * grid
        const event = round(-Math.log(u) * meanTime)
        const censor = round(dropsOut ? v * followUp : followUp)
        return event <= censor
          ? { time: event, event: 1 as const }
          : { time: censor, event: 0 as const }
      }),
    )
