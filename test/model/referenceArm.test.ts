/**
 * The reference (control) arm of a study (issue 13): named once, it sets the direction of the
 * hazard ratio in the study view's reconstruction and in the review alike.
 */
import { describe, expect, it } from 'vitest'
import { referenceCurveId } from '../../src/shared/model/referenceArm'
import { defaultReviewSettings } from '../../src/shared/model/review'
import { computeReview } from '../../src/shared/review'
import { reconstructStudy, studyReconstructionInput } from '../../src/shared/study/reconstructStudy'
import { expectClose } from '../helpers/close'
import { digitizedStudy, entry, patients } from '../review/studies'

const twoArm = () =>
  digitizedStudy('Two arms', 'Liver', [
    { name: 'Resected', ipd: patients(14, 70, 36) },
    { name: 'Not resected', ipd: patients(15, 60, 18) },
  ])

describe('the reference arm', () => {
  it('is the named curve; in older files the first, or the other of a named pooled curve', () => {
    const s = twoArm()
    expect(referenceCurveId(s)).toBe('c1')
    expect(referenceCurveId({ ...s, pooledCurve: 'c1' })).toBe('c2')
    expect(referenceCurveId({ ...s, pooledCurve: 'c1', referenceCurve: 'c1' })).toBe('c1')
    expect(referenceCurveId({ ...s, referenceCurve: 'gone' })).toBeNull()
    expect(referenceCurveId({ ...s, curves: [] })).toBeNull()
  })

  it('sets the direction of the study view hazard ratio, with n per arm', () => {
    const s = twoArm()
    const first = reconstructStudy(studyReconstructionInput(s)).comparison!
    expect([first.other, first.ref, first.nOther, first.nRef]).toEqual([
      'Not resected',
      'Resected',
      60,
      70,
    ])
    const named = reconstructStudy(
      studyReconstructionInput({ ...s, referenceCurve: 'c2' }),
    ).comparison!
    expect([named.other, named.ref]).toEqual(['Resected', 'Not resected'])
    expectClose(named.hr!, 1 / first.hr!, { rel: 1e-6 }, 'the reversed hazard ratio')
  })

  it('gives the review the same hazard ratio as the study view', () => {
    for (const referenceCurve of ['c1', 'c2']) {
      const s = { ...twoArm(), referenceCurve }
      const view = reconstructStudy(studyReconstructionInput(s)).comparison!
      const review = computeReview({
        title: 'one study',
        settings: { ...defaultReviewSettings(), subgroupBy: null },
        studies: [entry(s, 'two.kmstudy')],
      })
      const hr = review.outcomes.find((o) => o.kind === 'hr')!.studies[0]
      expectClose(Math.exp(hr.yi!), view.hr!, { rel: 1e-6 }, `HR with reference ${referenceCurve}`)
      expect(hr.method).toContain(`${view.ref} (n = ${view.nRef}, reference)`)
    }
  })
})
