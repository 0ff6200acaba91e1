/**
 * Pooled tables say what they are (issue 11, point 5), on the example review: the pointwise
 * survival rows mark a change of studies and a rise, with the pooled curve's value beside them;
 * every pooled row carries τ²'s CI and the prediction interval; a sensitivity row leaves out the
 * continuity-corrected studies; the median table adds the median of medians and counts the
 * medians not reached; the methods text says when CIs rest on few studies.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { medianOfMedians } from '../../src/shared/meta/medianOfMedians'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { parseReviewFile } from '../../src/shared/model/reviewFile'
import { computeReview } from '../../src/shared/review'
import type { SurvivalPooledRow } from '../../src/shared/review/survivalTable'
import { expectClose } from '../helpers/close'

const EXAMPLE = resolve(import.meta.dirname, '../../examples/metastasectomy')

describe('pooled tables of the example review', () => {
  const review = parseReviewFile(
    readFileSync(join(EXAMPLE, 'metastasectomy.kmreview'), 'utf8'),
    'r',
  )
  const result = computeReview({
    title: review.title,
    settings: review.settings,
    studies: review.studies.map((e) => ({
      ...e,
      study: parseStudyFile(readFileSync(join(EXAMPLE, e.path), 'utf8'), e.path),
      loadError: null,
    })),
  })
  const pooled = result.survivalTable.rows.filter((r): r is SurvivalPooledRow => r.kind !== 'study')
  const spine = pooled.find((r) => r.label === 'Spine')!

  it('Spine rises from 48 to 60 months because a study leaves: both are marked', () => {
    const [at48, at60] = [spine.cells[3], spine.cells[4]]
    expect(at60.surv!).toBeGreaterThan(at48.surv!)
    expect(at60.rises).toBe(true)
    expect(at60.studiesChanged).toBe(true)
    expect(spine.cells[0].rises || spine.cells[0].studiesChanged).toBe(false)
    // Brain stays at the same value from 48 to 60 months (no death, no change): not a rise.
    const brain = pooled.find((r) => r.label === 'Brain')!
    expect(brain.cells[4].surv).toBe(brain.cells[3].surv)
    expect(brain.cells[4].rises).toBe(false)
    // The pooled curve, one model over all times, does not rise.
    expect(at60.curveSurv!).toBeLessThanOrEqual(at48.curveSurv!)
    const curve = result.curves!.groups.find((g) => g.subgroup === 'Spine')!.curve
    expectClose(at60.curveSurv, curve.surv[curve.times.indexOf(60)], { rel: 1e-15 }, 'curve S(60)')
  })

  it('every pooled row of more than one study has the prediction interval and τ²’s CI', () => {
    for (const row of pooled) {
      for (const c of row.cells) {
        if (c.k < 2) continue
        expect(c.piLower, `${row.label} ${c.time}`).not.toBeNull()
        expect(c.piUpper).not.toBeNull()
        expect(c.tau2Lower).not.toBeNull()
        expect(c.tau2Upper!).toBeGreaterThanOrEqual(c.tau2!)
      }
    }
  })

  it('a sensitivity row pools without the continuity-corrected studies', () => {
    const overall = pooled.find((r) => r.kind === 'overall')!
    const sens = pooled.find((r) => r.kind === 'sensitivity')!
    expect(sens.label).toBe('Overall without corrected studies')
    const a60 = result.outcomes.find((a) => a.id === 'survival_60')!
    const corrected = a60.pool.studies.filter(
      (s) => !s.excluded && s.method.startsWith('continuity-corrected'),
    ).length
    expect(corrected).toBeGreaterThan(0)
    expect(sens.cells[4].k).toBe(overall.cells[4].k - corrected)
    // At 12 months nothing was corrected: the row repeats the overall fit.
    expect(sens.cells[0].surv).toBe(overall.cells[0].surv)
  })

  it('the median table adds the median of medians (weighted by n) and counts medians not reached', () => {
    const t = result.medianTable!
    const overall = t.rows.find((r) => r.kind === 'overall')!
    if (overall.kind === 'study') throw new Error('no overall row')
    const studies = t.rows.filter((r) => r.kind === 'study' && r.value !== null)
    const ref = medianOfMedians(
      studies.map((r) => (r as { value: number }).value),
      studies.map((r) => (r as { n: number }).n),
    )!
    expectClose(overall.medianOfMedians!.estimate, ref.estimate, { rel: 1e-15 }, 'mom')
    expect(overall.notReached).toBe(
      t.rows.filter((r) => r.kind === 'study' && /not reached/.test(r.reason ?? '')).length,
    )
  })

  it('the methods text says when CIs rest on few studies', () => {
    expect(result.methods.paragraphs.join(' ')).toMatch(
      /Some estimates pooled fewer than 5 studies: their confidence intervals rest on few studies/,
    )
  })
})
