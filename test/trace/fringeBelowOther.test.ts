import { describe, expect, it } from 'vitest'
import { type HandRun, handRuns, handStep, runsMap } from './helpers'
import type { PathStep } from '../../src/shared/trace/monotonePath'
import { traceStatus } from '../../src/shared/trace/traceStatus'

/**
 * A thin line hidden under another curve's line, its path carried meanwhile along a faint fringe
 * of its own colour far below (a translucent band's edge), is not said to be whole: the stretch is
 * listed as under the other curve. Hand-made after forced-survminer development seed 6110, Strata
 * 1 (a 1.75 px red line under a teal one; the path ran 20 px low along the pink band's lower edge
 * for 90 columns at coverage 0.4–0.6, status whole).
 */
describe('a fringe ridden below another curve', () => {
  // Columns 0–99 and 160–399: the line's own solid ink (levels 50, then 80). Columns 100–159: the
  // other curve's line at rows 54–57 and a faint fringe of this colour at rows 71.5–72.5.
  const cols: HandRun[][] = Array.from({ length: 400 }, (_, x) =>
    x < 100
      ? [[49, 51]]
      : x < 160
        ? [
            [54, 57, 'other'],
            [71.5, 72.5],
          ]
        : [[79, 81]],
  )
  const runs = handRuns(cols, (r) => (r[1] - r[0] < 1.5 ? 0.5 : 1))
  const path: PathStep[] = cols.map((c, x) => handStep(runs, x, c.length - 1))
  const others = [{ color: '#00bfc4', arm: 1 }]

  it('lists the fringe stretch as under the other curve', () => {
    const status = traceStatus(path, runs, runsMap, 0, 1.75, 500, others)
    expect(status.status).toBe('inferred')
    expect(status.stretches).toHaveLength(1)
    expect(status.stretches[0]).toMatchObject({ kind: 'under', x0: 100, x1: 160 })
  })

  it('says nothing where the fringe lies above the other curve', () => {
    // The other curve's line below the path is no place the line could hide: a curve never rises.
    const below = cols.map((c) => c.map((r): HandRun => (r[2] ? [90, 93, 'other'] : r)))
    const low = handRuns(below, (r) => (r[1] - r[0] < 1.5 ? 0.5 : 1))
    const status = traceStatus(path, low, runsMap, 0, 1.75, 500, others)
    expect(status.status).toBe('whole')
  })
})
