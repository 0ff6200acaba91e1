import { describe, expect, it } from 'vitest'
import { parseColor } from '../../src/shared/trace'
import { coverageMap } from '../../src/shared/trace/coverage'
import { columnRuns } from '../../src/shared/trace/columnRuns'
import { prepareFigure } from '../../src/shared/trace/traceCurve'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'

describe('the run of a thin vertical segment drawn between two columns', () => {
  it('spans the whole segment, not its covered length (seed 3104, arm A)', () => {
    // Development seed 3104 (NEJM), arm A (#BC3C29, 1.25 px): its last drop, at column 1265,
    // falls from row 561.7 to 684.2; the line lies across columns 1264 and 1265, which are each
    // 0.59–0.69 covered from row 561 to 684. Its run was placed by its covered length (84 px,
    // rows 581–665), so that its top 18 px and its foot 19 px were lost.
    const seed = 3104
    const fig = renderKmFigure(styledFigureSpec(seed, styleOfSeed(seed)))
    const colors = fig.arms.map((a) => parseColor(a.color))
    const figure = prepareFigure(fig.image, fig.calibration)
    const runs = columnRuns(
      coverageMap(figure.index, colors[0], figure.tolerance, colors.slice(1), []),
    )
    const c = 1265 - runs.x0
    let run = -1
    for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
      if (runs.top[j] < 620 && runs.bottom[j] > 620) run = j
    }
    expect(run).toBeGreaterThanOrEqual(0)
    // Its pixels: rows 561 to 685 (the foot's anti-aliased edge).
    expect(runs.top[run]).toBeLessThan(562.5)
    expect(runs.bottom[run]).toBeGreaterThan(683.5)
  })
})
