import { describe, expect, it } from 'vitest'
import { RUN_MARK } from '../../src/shared/trace/columnRuns'
import type { PathStep } from '../../src/shared/trace/monotonePath'
import { traceStatus } from '../../src/shared/trace/traceStatus'
import { runPerColumn, runsMap, tracedStyled } from './helpers'

/**
 * An arm at survival 1 drawn on the plot's grey top frame: the two blend into a grey that is
 * neither's colour, the path slides a few pixels down onto marks' ink and bridges flat from there
 * to the arm's first drop. A flat bridge hides nothing only where the level it starts from is the
 * curve's, seen on its own line; here it is not, and the trace must not be called whole
 * (forced-NEJM development seeds 7014 A, 7040 B and 7275 B were, 4–6 px off for 40–70 columns).
 */
describe('traceStatus: a flat bridge after the path left survival 1 unseen', () => {
  // runsMap: survival 1 at row 0; a 2 px line in a 500 px plot, so the shortest stretch listed is
  // 3·2 + 4 = 10 columns. Columns 0–3 are black marks' ink stepping down to row 6, column 4 a
  // speck of the curve's own ink at row 6, columns 5–39 hold nothing (bridged at row 6) and
  // columns 40–59 are the curve's own line at row 6.
  const columns = 60
  const at = (x: number, y: number): PathStep => ({ x, run: x, entry: y, exit: y })
  const runs = (ownFrom: number) =>
    runPerColumn(columns, (x) => (x < 4 && x < ownFrom ? RUN_MARK : 0))
  const path = (ownTo: number): PathStep[] => [
    ...[0, 1.5, 3, 4.5].map((y, x) => at(x, y)),
    ...Array.from({ length: ownTo - 4 }, (_, k) => at(4 + k, 6)),
    ...Array.from({ length: columns - 40 }, (_, k) => at(40 + k, 6)),
  ]
  const status = (p: PathStep[], ownFrom: number) =>
    traceStatus(p, runs(ownFrom), runsMap, 0, 2, 500, [{ color: '#808080', arm: 1 }])

  it('lists the bridge as a gap when no solid own ink showed below survival 1 before it', () => {
    // Before, the bridge's two ends at row 6 left it out: status whole.
    const s = status(path(5), 4)
    expect(s.status).toBe('gaps')
    expect(s.stretches).toEqual([expect.objectContaining({ kind: 'gap', x0: 5, x1: 40 })])
  })

  it('leaves the bridge out when the curve was seen on its line at that level before it', () => {
    // The curve's own ink at row 6 in columns 4–9: it dropped early, in sight; the flat bridge
    // from there hides nothing.
    expect(status(path(10), 4)).toEqual({ status: 'whole', stretches: [] })
  })
})

describe('an arm at survival 1 on the grey top frame (forced NEJM)', () => {
  it('is traced along the frame, where the grey is tinted its colour (seed 7014, arm A)', () => {
    // The red arm lies on the #808080 frame until month 2.9, the two blended into #84615f. Its
    // runs there were dropped with the frame's row, and the path slid 6 px down onto black
    // marks' ink, off its line in 6% of its columns, status whole (silent).
    const { curve, whole } = tracedStyled(7014, 'nejm')[0]
    expect(whole.within).toBeGreaterThanOrEqual(0.95)
    expect(whole.gapP95).toBeLessThanOrEqual(0.01)
    expect(curve.points[0].surv).toBe(1)
  })
})
