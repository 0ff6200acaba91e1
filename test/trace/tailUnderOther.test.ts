import { describe, expect, it } from 'vitest'
import { parseColor, traceCurves } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { expectClose } from '../helpers/close'

/**
 * Issue 10, a survminer arm whose tail runs under a later-drawn arm: the trace is carried on along
 * that arm's line and says so, rather than stopping short without a word.
 */
describe('a tail hidden under a later-drawn arm (generated survminer figure)', () => {
  it('is followed along the other arm and reported as under it', () => {
    // Development seed 4012 (survminer), arm 1 (red, 3.25 px): from month 51 its last plateau
    // lies under the green arm's, whose drop at that column left only a sliver of red below it;
    // the path ended on the sliver, a pixel below the line's level, and the tail was not
    // followed: the trace stopped 1.4 months before the arm's last patient (52.5) with status
    // `whole`. Now it runs on along the green line, to 58.8 (past the red arm's end: no ink
    // says where a fully hidden tail ends), and the stretch under the green arm is reported for
    // the user to check. Regression lock: produced by kmpool's tracer on the generated figure, not an
    // external reference.
    const fig = renderKmFigure(styledFigureSpec(4012, 'survminer'))
    const [red] = traceCurves(
      fig.image,
      fig.calibration,
      fig.arms.map((a) => parseColor(a.color)),
    )
    expect(red.points[red.points.length - 1].time).toBeGreaterThan(52.5)
    expect(red.status.status).toBe('inferred')
    const under = red.status.stretches.filter((s) => s.kind === 'under')
    expect(under).toHaveLength(1)
    expect(under[0].underArm).toBe(1)
    expectClose(under[0].from, 51.3, { abs: 0.3 }, 'under from')
  })
})
