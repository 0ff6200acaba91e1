import { describe, expect, it } from 'vitest'
import { emptyReview } from '../../src/shared/model/review'
import { computeReview } from '../../src/shared/review'
import { reviewView } from '../../src/shared/review/reviewView'
import {
  addStudy,
  loadReview,
  moveStudy,
  parseTimes,
  removeStudy,
  reviewDirty,
  setSettings,
  useReview,
} from '../../src/renderer/src/store/review'
import { smallReview } from './studies'

describe('reviewView', () => {
  const input = smallReview()
  const result = computeReview(input)
  const records = input.studies.map((s) =>
    s.study ? { label: s.study.record.label, subgroup: s.study.record.subgroup } : null,
  )

  it('draws the forest and funnel plots of the chosen outcome only, and no IPD', () => {
    const view = reviewView(result, records, 'survival_60')
    expect(view.figureOutcome).toBe('survival_60')
    expect(view.figures.forest?.svg).toContain('Survival at 60')
    expect(view.outcomes.map((o) => o.id)).toEqual(result.outcomes.map((a) => a.id))
    expect(view.studies.map((s) => s.record)).toEqual(records)
    expect(view.methods).toMatch(/^# Statistical methods/)
    expect(JSON.stringify(view)).not.toContain('"ipd"')
  })

  it('runs leave-one-out only for the outcomes asked for, all else unchanged', () => {
    const some = computeReview(input, { leaveOneOut: (id) => id === 'survival_60' })
    const byId = (r: typeof result, id: string) => r.outcomes.find((a) => a.id === id)!
    expect(byId(some, 'survival_60').leaveOneOut).toEqual(byId(result, 'survival_60').leaveOneOut)
    expect(byId(some, 'survival_12').leaveOneOut).toEqual([])
    expect(byId(some, 'survival_12').leaveOneOutNote).toBe('not computed for this view')
    expect(byId(result, 'survival_12').leaveOneOut.length).toBeGreaterThan(0)
    expect(some.survivalTable).toEqual(result.survivalTable)
    expect(some.medianTable).toEqual(result.medianTable)
  })

  it('draws no outcome figures for an outcome the review does not have', () => {
    const view = reviewView(result, records, 'survival_7')
    expect(view.figureOutcome).toBeNull()
    expect(view.figures.forest).toBeNull()
    expect(view.figures.funnel).toBeNull()
  })
})

describe('the review store', () => {
  it('reads survival times as increasing positive numbers', () => {
    expect(parseTimes('12, 24,36 ;48 60')).toEqual([12, 24, 36, 48, 60])
    expect(parseTimes('24, 12')).toBeNull()
    expect(parseTimes('0, 12')).toBeNull()
    expect(parseTimes('12, x')).toBeNull()
  })

  it('adds, moves and removes studies, each change a new review to save', () => {
    const review = emptyReview('R')
    loadReview(review, { token: 't', name: 'r.kmreview' })
    expect(useReview.getState().mode).toBe('review')
    expect(reviewDirty()).toBe(false)
    expect(addStudy('a.kmstudy')).toBe(true)
    expect(addStudy('b.kmstudy')).toBe(true)
    expect(addStudy('a.kmstudy')).toBe(false)
    expect(reviewDirty()).toBe(true)
    moveStudy(0, 1)
    moveStudy(1, 1)
    const paths = () => useReview.getState().review!.studies.map((s) => s.path)
    expect(paths()).toEqual(['b.kmstudy', 'a.kmstudy'])
    removeStudy(0)
    expect(paths()).toEqual(['a.kmstudy'])
    setSettings({ method: 'DL' })
    expect(useReview.getState().review!.settings.method).toBe('DL')
    expect(review.settings.method).toBe('REML')
  })
})
