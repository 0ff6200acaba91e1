import { describe, expect, it } from 'vitest'
import { parseColor } from '../../src/shared/trace'
import { coverageMapsDone } from '../../src/shared/trace/coverage'
import {
  prepareFigure,
  traceAuditLater,
  traceInFigure,
  withAudit,
} from '../../src/shared/trace/traceCurve'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'

// findCurves traces each candidate line first without the trace's check (traceAudit.ts) and, for
// a line kept beside the same others, runs only the check later, after other traces have reused
// the figure's coverage arrays. The check run late must say what it says run at once. Survminer
// 3025's strata 1 is a thick line with dense steps that the check warns of (traceAudit.test.ts).
const fig = renderKmFigure(styledFigureSpec(3025, 'survminer'))
const colors = fig.arms.map((a) => parseColor(a.color))

describe('a trace whose check runs later', () => {
  it('warns as the trace checked at once does, after other traces reused the arrays', () => {
    const figure = prepareFigure(fig.image, fig.calibration)
    const [a, ...rest] = colors
    const later = traceAuditLater(figure, a, rest)
    coverageMapsDone(figure.index)
    for (const c of rest) {
      traceInFigure(figure, c, [a, ...rest.filter((r) => r !== c)])
      coverageMapsDone(figure.index)
    }
    const checked = withAudit(later)
    const atOnce = traceInFigure(prepareFigure(fig.image, fig.calibration), a, rest)
    expect(checked.warnings.map((w) => w.code)).toContain('steps-merged')
    expect(checked.warnings).toEqual(atOnce.warnings)
    expect(checked.points).toEqual(atOnce.points)
  })

  it('adds the check’s warnings to a new trace and leaves the unchecked one as it was', () => {
    const figure = prepareFigure(fig.image, fig.calibration)
    const [a, ...rest] = colors
    const later = traceAuditLater(figure, a, rest)
    const before = later.curve.warnings.map((w) => w.code)
    const checked = withAudit(later)
    expect(checked).not.toBe(later.curve)
    expect(later.curve.warnings.map((w) => w.code)).toEqual(before)
    expect(checked.warnings.length).toBeGreaterThan(before.length)
    expect(traceInFigure(figure, a, rest, [], false).warnings).toEqual(later.curve.warnings)
  })
})
