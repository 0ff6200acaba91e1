import { defaultReviewSettings, type ReviewSettings } from '../../src/shared/model/review'
import { emptyStudy, type Study } from '../../src/shared/model/study'
import type { IpdRow } from '../../src/shared/reconstruct/types'
import type { ReviewInput, ReviewStudyInput } from '../../src/shared/review'
import { random, simulateIpd } from '../generator/simulateIpd'
import { exactRiskTable, stepCorners } from '../helpers/stepCorners'

/** Simulated patients of one arm: exponential-like survival with `median` months. */
export function patients(seed: number, n: number, median: number, followUp = 90): IpdRow[] {
  return simulateIpd(
    { n, median, shape: 1, cured: 0, followUp, accrual: 40, dropout: 0, resolution: 0.05 },
    random(seed),
  )
}

/**
 * A study whose curves are the exact step corners of the given arms, with their risk tables at
 * every 12 months: a figure digitized at every corner. `factor` stretches the times into another
 * unit (30.4375 turns months into days).
 */
export function digitizedStudy(
  label: string,
  subgroup: string,
  arms: { name: string; ipd: IpdRow[] }[],
  options: { factor?: number; timeUnit?: 'days' | 'weeks' | 'months' | 'years' } = {},
): Study {
  const f = options.factor ?? 1
  const s = emptyStudy()
  s.record.label = label
  s.record.subgroup = subgroup
  s.calibration = {
    x1: { px: 0, py: 100, value: 0 },
    x2: { px: 100, py: 100, value: 100 },
    y1: { px: 0, py: 100, value: 0 },
    y2: { px: 0, py: 0, value: 1 },
    xScale: 'linear',
    yScale: 'proportion',
    yAxis: 'linear',
    timeUnit: options.timeUnit ?? 'months',
  }
  s.curves = arms.map((a, i) => ({
    id: `c${i + 1}`,
    name: a.name,
    color: '#000000',
    points: stepCorners(a.ipd).map((p) => ({
      px: p.time,
      py: 100 - 100 * p.surv,
      time: p.time * f,
      surv: p.surv,
    })),
    risk: exactRiskTable(a.ipd, [0, 12, 24, 36, 48, 60, 72, 84]).map((r) => ({
      time: r.time * f,
      nRisk: r.nRisk,
    })),
  }))
  return s
}

/** A study with only published numbers. */
export function publishedStudy(
  label: string,
  subgroup: string,
  published: NonNullable<Study['published']>,
  reportedN?: number,
): Study {
  const s = emptyStudy()
  s.record.label = label
  s.record.subgroup = subgroup
  if (reportedN !== undefined) s.record.reportedN = reportedN
  s.published = published
  return s
}

export function entry(study: Study | null, path: string, extra: Partial<ReviewStudyInput> = {}) {
  return { path, included: true, reason: '', study, loadError: null, ...extra }
}

/**
 * A small review by hand: three lung and two liver series digitized at every corner (one liver
 * series with a comparison arm), a liver study with survival and numbers at risk only, a spine
 * study with a median and range only, one study the reviewer excluded and one unreadable file.
 */
export function smallReview(settings: Partial<ReviewSettings> = {}): ReviewInput {
  const lung = [
    digitizedStudy('Lung A', 'Lung', [{ name: 'Resected', ipd: patients(11, 80, 70) }]),
    digitizedStudy('Lung B', 'Lung', [{ name: 'Resected', ipd: patients(12, 60, 75) }]),
    digitizedStudy('Lung C', 'Lung', [{ name: 'Resected', ipd: patients(13, 45, 60) }]),
  ]
  const liverTwoArm = digitizedStudy('Liver D', 'Liver', [
    { name: 'Resected', ipd: patients(14, 70, 36) },
    { name: 'Not resected', ipd: patients(15, 60, 18) },
  ])
  liverTwoArm.pooledCurve = 'c1'
  const liver = digitizedStudy('Liver E', 'Liver', [
    { name: 'Resected', ipd: patients(16, 50, 32) },
  ])
  const published = publishedStudy(
    'Liver F',
    'Liver',
    {
      timeUnit: 'years',
      survival: [
        { time: 1, surv: 0.8, nRisk: 30 },
        { time: 3, surv: 0.45, nRisk: 14 },
        { time: 5, surv: 0.3, se: 0.08 },
      ],
    },
    40,
  )
  const range = publishedStudy('Spine G', 'Spine', {
    timeUnit: 'months',
    survival: [],
    medianRange: { median: 14, min: 2, max: 60, n: 25 },
  })
  const excluded = digitizedStudy('Lung H', 'Lung', [
    { name: 'Resected', ipd: patients(17, 30, 50) },
  ])
  return {
    title: 'A small review',
    settings: { ...defaultReviewSettings(), ...settings },
    studies: [
      entry(lung[0], 'lung-a.kmstudy'),
      entry(lung[1], 'lung-b.kmstudy'),
      entry(lung[2], 'lung-c.kmstudy'),
      entry(liverTwoArm, 'liver-d.kmstudy'),
      entry(liver, 'liver-e.kmstudy'),
      entry(published, 'liver-f.kmstudy'),
      entry(range, 'spine-g.kmstudy'),
      entry(excluded, 'lung-h.kmstudy', { included: false, reason: 'overlapping cohort' }),
      entry(null, 'missing.kmstudy', {
        loadError: 'missing.kmstudy: cannot read it (no such file)',
      }),
    ],
  }
}
