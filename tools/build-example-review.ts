/**
 * Builds examples/metastasectomy: a complete synthetic review of survival after metastasectomy in
 * four subgroups (lung, liver, spine, brain) with survival of the magnitudes of the leiomyosarcoma
 * review in DESIGN.md section 1. For each study it simulates patients, renders the Kaplan–Meier
 * figure with the test figure generator (test/generator), embeds the PNG, and stores the true
 * calibration, the curve's step corners as a careful person clicks them (half a pixel of seeded
 * jitter) and the number-at-risk table read from the patients at the figure's ticks. Two studies
 * report only a median, range and n. Seeded: the same run gives the same files.
 *
 *   npx tsx tools/build-example-review.ts
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { formatStudyFile } from '../src/shared/model/projectFile'
import { emptyReview } from '../src/shared/model/review'
import { formatReviewFile } from '../src/shared/model/reviewFile'
import { emptyStudy, type Study, type StudyCurve } from '../src/shared/model/study'
import type { IpdRow } from '../src/shared/reconstruct/types'
import { kaplanMeier, median } from '../src/shared/survival'
import { type ArmStyle, type ArmTruth, renderKmFigure } from '../test/generator/kmFigure'
import { randomFigureSpec } from '../test/generator/randomFigure'
import { random, simulateIpd } from '../test/generator/simulateIpd'

const OUT = resolve(import.meta.dirname, '../examples/metastasectomy')
const SEED = 20260501

interface ArmPlan {
  name: string
  n: number
  /** Median survival in months of the Weibull event times. */
  median: number
  shape: number
}

interface StudyPlan {
  label: string
  subgroup: 'Lung' | 'Liver' | 'Spine' | 'Brain'
  design: string
  /** The metastasectomy arm first; a second arm makes the study two-arm (hazard ratio). */
  arms: ArmPlan[]
  /** Follow-up and accrual in months: censoring is uniform on [followUp − accrual, followUp]. */
  followUp: number
  accrual: number
  /** Last time on the figure's axis and its tick spacing (also the risk-table times). */
  tMax: number
  tickStep: number
  /** Only a median, range and n are published, in this unit. */
  rangeOnly?: 'months' | 'years'
}

const S = 'Surgery'
const NO = 'Medical'
const arm = (name: string, n: number, med: number, shape = 1): ArmPlan => ({
  name,
  n,
  median: med,
  shape,
})

/**
 * Medians per site as in DESIGN.md section 1 (lung 73, liver 35, spine 14, brain 14 months),
 * study to study within about ±20%, as real series vary; comparison arms without metastasectomy
 * have about half the median survival.
 */
const PLANS: StudyPlan[] = [
  {
    label: 'Albers 2009',
    subgroup: 'Lung',
    design: 'Retrospective cohort',
    arms: [arm(S, 62, 72, 0.85)],
    followUp: 120,
    accrual: 72,
    tMax: 96,
    tickStep: 12,
  },
  {
    label: 'Brandt 2012',
    subgroup: 'Lung',
    design: 'Comparative cohort',
    arms: [arm(S, 94, 78, 0.9), arm(NO, 71, 38)],
    followUp: 120,
    accrual: 60,
    tMax: 96,
    tickStep: 24,
  },
  {
    label: 'Castell 2014',
    subgroup: 'Lung',
    design: 'Retrospective cohort',
    arms: [arm(S, 45, 66)],
    followUp: 108,
    accrual: 60,
    tMax: 84,
    tickStep: 12,
  },
  {
    label: 'Duarte 2017',
    subgroup: 'Lung',
    design: 'Comparative cohort',
    arms: [arm(S, 128, 76, 0.85), arm(NO, 88, 35)],
    followUp: 120,
    accrual: 72,
    tMax: 96,
    tickStep: 12,
  },
  {
    label: 'Eriksen 2020',
    subgroup: 'Lung',
    design: 'Retrospective cohort',
    arms: [arm(S, 57, 74, 0.8)],
    followUp: 96,
    accrual: 48,
    tMax: 84,
    tickStep: 12,
  },
  {
    label: 'Fontaine 2011',
    subgroup: 'Liver',
    design: 'Retrospective cohort',
    arms: [arm(S, 51, 31, 1.1)],
    followUp: 96,
    accrual: 60,
    tMax: 72,
    tickStep: 12,
  },
  {
    label: 'Garrido 2015',
    subgroup: 'Liver',
    design: 'Comparative cohort',
    arms: [arm(S, 76, 39), arm(NO, 64, 18)],
    followUp: 96,
    accrual: 48,
    tMax: 72,
    tickStep: 12,
  },
  {
    label: 'Hallam 2019',
    subgroup: 'Liver',
    design: 'Retrospective cohort',
    arms: [arm(S, 38, 34)],
    followUp: 84,
    accrual: 48,
    tMax: 72,
    tickStep: 12,
  },
  {
    label: 'Ivanova 2013',
    subgroup: 'Spine',
    design: 'Retrospective cohort',
    arms: [arm(S, 29, 15, 1.1)],
    followUp: 72,
    accrual: 48,
    tMax: 60,
    tickStep: 12,
  },
  {
    label: 'Jansen 2016',
    subgroup: 'Spine',
    design: 'Retrospective cohort',
    arms: [arm(S, 42, 17)],
    followUp: 72,
    accrual: 48,
    tMax: 60,
    tickStep: 12,
  },
  {
    label: 'Kovac 2018',
    subgroup: 'Spine',
    design: 'Case series',
    arms: [arm(S, 23, 14)],
    followUp: 60,
    accrual: 36,
    tMax: 60,
    tickStep: 12,
    rangeOnly: 'months',
  },
  {
    label: 'Lindqvist 2010',
    subgroup: 'Brain',
    design: 'Retrospective cohort',
    arms: [arm(S, 33, 14, 1.2)],
    followUp: 72,
    accrual: 48,
    tMax: 60,
    tickStep: 12,
  },
  {
    label: 'Moreau 2015',
    subgroup: 'Brain',
    design: 'Retrospective cohort',
    arms: [arm(S, 27, 17)],
    followUp: 72,
    accrual: 48,
    tMax: 60,
    tickStep: 12,
  },
  {
    label: 'Nakamura 2021',
    subgroup: 'Brain',
    design: 'Case series',
    arms: [arm(S, 19, 15)],
    followUp: 60,
    accrual: 36,
    tMax: 60,
    tickStep: 12,
    rangeOnly: 'years',
  },
]

/** Colours of the figures' arms: a metastasectomy arm and its comparison. */
const ARM_COLORS = [
  ['#1f77b4', '#d62728'],
  ['#000000', '#e41a1c'],
  ['#0072b2', '#d55e00'],
]

function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

/** The step corners of the KM curve of `ipd` up to `tMax`: every point a careful person clicks. */
function corners(ipd: readonly IpdRow[], tMax: number): { time: number; surv: number }[] {
  const fit = kaplanMeier(
    ipd.map((r) => r.time),
    ipd.map((r) => r.event),
  )
  const points = [{ time: 0, surv: 1 }]
  let s = 1
  fit.time.forEach((t, i) => {
    if (t > tMax || fit.surv[i] === s) return
    points.push({ time: t, surv: s }, { time: t, surv: fit.surv[i] })
    s = fit.surv[i]
  })
  const last = Math.min(tMax, Math.max(...ipd.map((r) => r.time)))
  if (last > points[points.length - 1].time) points.push({ time: last, surv: s })
  return points
}

/** An arm's patients as the plan has them, with `dropout` censoring per month. */
function simulateArm(plan: StudyPlan, a: ArmPlan, dropout: number, rand: () => number): IpdRow[] {
  return simulateIpd(
    {
      n: a.n,
      median: a.median,
      shape: a.shape,
      cured: 0,
      followUp: plan.followUp,
      accrual: plan.accrual,
      dropout,
      resolution: 1 / 30.44,
    },
    rand,
  )
}

/** The Kaplan–Meier median of `ipd`, with its CI. */
const kmMedian = (ipd: readonly IpdRow[]) =>
  median(
    kaplanMeier(
      ipd.map((r) => r.time),
      ipd.map((r) => r.event),
    ),
  )

/** The study's record with what every synthetic study of the plan reports, `reportedN` patients. */
function recordOf(study: Study, plan: StudyPlan, reportedN: number): Study['record'] {
  return {
    ...study.record,
    label: plan.label,
    citation: 'Synthetic study of the kmpool example review; not a publication.',
    subgroup: plan.subgroup,
    design: plan.design,
    outcome: 'OS',
    reportedN,
  }
}

function studyFromFigure(plan: StudyPlan, index: number, rand: () => number): Study {
  const style = randomFigureSpec(SEED + index)
  const colors = ARM_COLORS[index % ARM_COLORS.length]
  const arms: ArmStyle[] = plan.arms.map((a, i) => ({
    name: a.name,
    ipd: simulateArm(plan, a, 0.004, rand),
    color: colors[i],
    lineWidth: 2,
    dash: [],
    censor: i === 0 ? 'plus' : 'tick',
    markSize: 5,
    band: false,
  }))
  const figure = renderKmFigure({
    ...style,
    width: 1000,
    height: 700 + 20 * (arms.length - 1),
    arms,
    tMax: plan.tMax,
    tickStep: plan.tickStep,
    font: 'DejaVu Sans',
    fontScale: 0.016,
    riskTable: true,
    legend: arms.length > 1 ? 'top-right' : 'none',
    jpeg: null,
    background: '#ffffff',
  })
  const cal = figure.calibration
  const toPixel = (t: number, s: number) => ({
    px: cal.x1.px + (t / cal.x2.value) * (cal.x2.px - cal.x1.px),
    py:
      cal.y1.py +
      ((s * cal.y2.value) / (cal.yScale === 'percent' ? 100 : 1)) * (cal.y2.py - cal.y1.py),
  })
  const toData = (px: number, py: number) => ({
    time: ((px - cal.x1.px) / (cal.x2.px - cal.x1.px)) * cal.x2.value,
    surv: (py - cal.y1.py) / (cal.y2.py - cal.y1.py),
  })
  const round = (x: number) => Math.round(x * 1e4) / 1e4
  const curves: StudyCurve[] = figure.arms.map((truth: ArmTruth, i) => {
    const points = corners(truth.ipd, plan.tMax).map((c) => {
      const p = toPixel(c.time, c.surv)
      const px = round(p.px + rand() - 0.5)
      const py = round(p.py + rand() - 0.5)
      const d = toData(px, py)
      return {
        px,
        py,
        time: round(Math.max(0, d.time)),
        surv: round(Math.min(1, Math.max(0, d.surv))),
      }
    })
    return {
      id: `c${i + 1}`,
      name: truth.name,
      color: truth.color,
      points,
      risk: truth.risk,
    }
  })
  const study = emptyStudy()
  const all = figure.arms[0].ipd
  const m = kmMedian(all)
  const round1 = (x: number | null) => (x === null ? undefined : Math.round(x * 10) / 10)
  study.record = {
    ...recordOf(study, plan, plan.arms[0].n),
    reportedMedian: {
      value: round1(m.quantile) ?? 0,
      ...(m.lower === null ? {} : { lower: round1(m.lower) }),
      ...(m.upper === null ? {} : { upper: round1(m.upper) }),
    },
    notes: `Simulated by tools/build-example-review.ts (seed ${SEED}): ${plan.arms.map((a) => `${a.name}, n = ${a.n}, Weibull median ${a.median} months`).join('; ')}.`,
  }
  if (m.quantile === null) delete study.record.reportedMedian
  const bytes = figure.file
  study.figure = {
    name: `${slug(plan.label)}.png`,
    mime: 'image/png',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    width: figure.image.width,
    height: figure.image.height,
    data: bytes.toString('base64'),
  }
  study.calibration = {
    x1: cal.x1,
    x2: cal.x2,
    y1: cal.y1,
    y2: cal.y2,
    xScale: 'linear',
    yScale: cal.yScale,
    yAxis: 'linear',
    timeUnit: 'months',
  }
  study.curves = curves
  study.pooledCurve = 'c1'
  return study
}

/** A study that publishes only its median, range and n, in `unit`. */
function studyFromRange(plan: StudyPlan, rand: () => number): Study {
  const a = plan.arms[0]
  const ipd = simulateArm(plan, a, 0, rand)
  const m = kmMedian(ipd).quantile as number
  const times = ipd.map((r) => r.time)
  const f = plan.rangeOnly === 'years' ? 1 / 12 : 1
  const r1 = (x: number) => Math.round(x * f * 10) / 10
  const study = emptyStudy()
  study.record = {
    ...recordOf(study, plan, a.n),
    notes: `Simulated by tools/build-example-review.ts (seed ${SEED}); reports no Kaplan–Meier figure, only the median overall survival with its range, in ${plan.rangeOnly}.`,
  }
  study.published = {
    timeUnit: plan.rangeOnly ?? 'months',
    survival: [],
    medianRange: {
      median: r1(m),
      min: r1(Math.min(...times)),
      max: r1(Math.max(...times)),
      n: a.n,
    },
  }
  return study
}

function main(): void {
  const rand = random(SEED)
  mkdirSync(join(OUT, 'studies'), { recursive: true })
  for (const f of readdirSync(join(OUT, 'studies'))) rmSync(join(OUT, 'studies', f))
  const review = emptyReview(
    'Metastasectomy for metastatic leiomyosarcoma: a synthetic example review',
  )
  PLANS.forEach((plan, i) => {
    const study = plan.rangeOnly ? studyFromRange(plan, rand) : studyFromFigure(plan, i, rand)
    const path = `studies/${slug(plan.label)}.kmstudy`
    writeFileSync(join(OUT, path), formatStudyFile(study))
    review.studies.push({ path, included: true, reason: '' })
  })
  writeFileSync(join(OUT, 'metastasectomy.kmreview'), formatReviewFile(review))
  process.stdout.write(`Wrote ${PLANS.length} studies and the review to ${OUT}\n`)
}

main()
