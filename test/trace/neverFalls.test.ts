import { describe, expect, it } from 'vitest'
import { TraceError, type TracedCurve } from '../../src/shared/trace'
import { retraceNeverFalls } from '../../src/shared/trace/retraceNeverFalls'
import { prepareFigure } from '../../src/shared/trace/traceCurve'
import { armOf, tracedStyled } from './helpers'

/**
 * JCO development seeds 6219 and 7023 (boxed plots): the blue arm starts at the frame's top-left
 * corner, and its trace took the frame's top edge and ran along it to the right edge at survival
 * 1 (warned never-falls; within 2 px of its line in 1–2% of its columns). Traced again with that
 * edge masked, it follows its own line.
 */
describe('a trace that never fell', () => {
  for (const seed of [6219, 7023]) {
    it(`is traced again off the frame's edge (seed ${seed})`, () => {
      const blue = armOf(tracedStyled(seed, 'jco'), { color: '#0073C2' })
      expect(blue.curve.warnings.map((w) => w.code)).not.toContain('never-falls')
      expect(blue.whole.within).toBeGreaterThan(0.95)
      expect(blue.curve.points.at(-1)!.surv).toBeLessThan(0.5)
    })
  }
})

describe('retraceNeverFalls keeps a re-trace', () => {
  const image = { width: 10, height: 10, data: new Uint8ClampedArray(400).fill(255) }
  const calibration = {
    x1: { px: 0, py: 9, value: 0 },
    x2: { px: 9, py: 9, value: 9 },
    y1: { px: 0, py: 9, value: 0 },
    y2: { px: 0, py: 0, value: 1 },
    yScale: 'proportion' as const,
  }
  const curve = (...codes: string[]): TracedCurve =>
    ({
      points: [
        { x: 0, y: 0, time: 0, surv: 1 },
        { x: 9, y: 0, time: 9, surv: 1 },
      ],
      lineWidth: 1,
      warnings: codes.map((code) => ({ code, message: code })),
    }) as unknown as TracedCurve
  const run = (first: TracedCurve, again: () => TracedCurve) =>
    retraceNeverFalls(first, image, prepareFigure(image, calibration), {}, again)

  it('only for a trace warned never-falls', () => {
    expect(run(curve('gaps'), () => curve())).toBeNull()
  })

  it('that no longer never falls and is warned of nothing new', () => {
    const better = curve('away-from-line')
    expect(run(curve('never-falls', 'away-from-line'), () => better)).toBe(better)
    expect(run(curve('never-falls'), () => curve('never-falls'))).toBeNull()
    expect(run(curve('never-falls'), () => curve('off-ink'))).toBeNull()
  })

  it('and keeps the first where the re-trace finds no curve', () => {
    expect(
      run(curve('never-falls'), () => {
        throw new TraceError('no curve')
      }),
    ).toBeNull()
  })
})
