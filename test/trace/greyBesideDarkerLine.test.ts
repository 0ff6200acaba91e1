import { describe, expect, it } from 'vitest'
import { parseColor } from '../../src/shared/trace'
import { coverageMap, relation } from '../../src/shared/trace/coverage'
import { RUN_ALTERNATE, RUN_SIBLING, columnRuns } from '../../src/shared/trace/columnRuns'
import { markAlternatingRuns } from '../../src/shared/trace/siblingRuns'
import { prepareFigure } from '../../src/shared/trace/traceCurve'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { tracedStyled, armOf } from './helpers'

/**
 * A grey arm beside a darker one (JAMA's grey #808080 beside its dark slate #374E55): in a JPEG
 * the slate line's pixels fall on either side of the colour boundary column by column, so that
 * its line reads as slate in one column and as a fully inked grey line in the next, at the same
 * rows. The grey's trace took those columns for its own and went on along the slate line
 * (development seed 3059: 90 columns past the grey's last ink, flagged `follows-other`) or left
 * its own line for it (seed 3017: 26% of its length more than 2 px off). Development seeds
 * (test/generator/seeds.ts), JAMA style, traced with their true colours.
 */
describe('a grey arm beside a darker arm whose line reads as grey', () => {
  it('ends where its own line ends, not along the darker line (seed 3059)', () => {
    const { curve, whole: w } = armOf(tracedStyled(3059, 'jama'), { color: '#808080' })
    // The grey's last ink is at month 30.8; the trace went on to 34.6 along the slate line.
    expect(Math.abs(w.endGap)).toBeLessThan(0.5)
    expect(w.whole).toBe(true)
    expect(curve.warnings.map((x) => x.code)).not.toContain('follows-other')
  })

  it('keeps to its own line where the darker line runs near it (seed 3017)', () => {
    // 74% of the trace lay within 2 px of the grey's line before (wholeness.ts); now 93%.
    const { whole: w } = armOf(tracedStyled(3017, 'jama'), { color: '#808080' })
    expect(w.within).toBeGreaterThan(0.9)
  })

  it('sets aside the darker line where it reads as grey beside columns that read as dark', () => {
    const fig = renderKmFigure(styledFigureSpec(3059, 'jama'))
    const colors = fig.arms.map((a) => parseColor(a.color))
    const f = prepareFigure(fig.image, fig.calibration)
    const grey = colors[1]
    const others = [colors[0], colors[2]]
    const runs = columnRuns(coverageMap(f.index, grey, f.tolerance, others, []))
    expect(relation(grey, others[0], f.index.background, f.tolerance).kind).toBe('darker')
    // Column 828: the slate line (rows 388–390) reads as a fully inked grey run; in columns 827
    // and 829 the same rows read as slate.
    const at = (x: number) => {
      const c = x - runs.x0
      for (let j = runs.start[c]; j < runs.start[c + 1]; j++) {
        if (Math.abs(runs.centre[j] - 389) < 0.5 && runs.bottom[j] - runs.top[j] < 3) return j
      }
      return -1
    }
    const j = at(828)
    expect(j).toBeGreaterThanOrEqual(0)
    // Its pixels keep the slate's hue, which already sets it aside (greyTintedSlate.test.ts);
    // cleared here, the alternation with the slate columns beside it must set it aside alone.
    expect(runs.flags[j] & RUN_SIBLING).toBe(RUN_SIBLING)
    runs.flags[j] &= ~(RUN_SIBLING | RUN_ALTERNATE)
    // The grey's own line at month 30 (row 359, column 800) has no slate run beside it.
    const own = (() => {
      const c = 800 - runs.x0
      for (let k = runs.start[c]; k < runs.start[c + 1]; k++) {
        if (Math.abs(runs.centre[k] - 358.9) < 0.5) return k
      }
      return -1
    })()
    expect(own).toBeGreaterThanOrEqual(0)
    markAlternatingRuns(runs, [0])
    expect(runs.flags[j] & RUN_SIBLING).toBe(RUN_SIBLING)
    expect(runs.flags[own] & RUN_SIBLING).toBe(0)
  })
})
