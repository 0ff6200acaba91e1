import { z } from 'zod'
import { SURVIVAL_SCALES, TAU2_METHODS } from '../meta'
import { MAX_GRID_POINTS, MAX_STUDIES, MAX_SURVIVAL_TIMES, MAX_TIME } from './limits'

/**
 * A review as saved in a `.kmreview` file (DESIGN.md section 3, issue 6): its title, the study
 * files it pools (paths relative to the review file, POSIX separators, so that a review folder can
 * be zipped and opened elsewhere), and the pooling settings. JSON with `format` and `version`,
 * validated on load, migrated forward.
 */
export const REVIEW_FORMAT = 'kmpool-review'
export const REVIEW_VERSION = 1

const finite = z.number().refine(Number.isFinite, 'must be a finite number')
const positive = finite.refine((x) => x > 0, 'must be > 0')
const time = positive.refine(
  (t) => t <= MAX_TIME,
  `must be at most ${MAX_TIME} (in the review's time unit)`,
)

/** A path a zipped review folder can carry: relative, '/'-separated, not empty. */
export const studyPathSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine((p) => !p.includes('\\'), 'must use "/" between folders, not "\\"')
  .refine(
    (p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p),
    'must be relative to the review file, not absolute',
  )

export const reviewStudySchema = z.strictObject({
  path: studyPathSchema,
  included: z.boolean().default(true),
  /** Why the reviewer left the study out; listed with the exclusions. */
  reason: z.string().default(''),
})

export const TIME_UNITS = ['days', 'weeks', 'months', 'years'] as const

export const reviewSettingsSchema = z
  .strictObject({
    /**
     * The unit of `survivalTimes`, `curveStep` and of every time the review reports; each study's
     * times are converted from its own unit (its calibration's, or its published numbers').
     */
    timeUnit: z.enum(TIME_UNITS).default('months'),
    survivalTimes: z
      .array(time)
      .max(MAX_SURVIVAL_TIMES)
      .refine((ts) => ts.every((t, i) => i === 0 || t > ts[i - 1]), 'must be increasing')
      .default([12, 24, 36, 48, 60]),
    median: z.boolean().default(true),
    hr: z.boolean().default(true),
    method: z.enum(TAU2_METHODS).default('REML'),
    hksj: z.boolean().default(false),
    /** Scale on which survival at a time is pooled. */
    scale: z.enum(SURVIVAL_SCALES).default('cloglog'),
    /** Scale on which medians are pooled. */
    medianScale: z.enum(['log', 'raw']).default('log'),
    /** Variance of a median from its range and/or quartiles: QE (McGrath 2020), or an SD by Hozo 2005, Wan 2014, Luo 2018 (mean), Box–Cox (McGrath 2020) or MLN (Cai 2021) over √n. */
    rangeMethod: z.enum(['qe', 'hozo', 'wan', 'luo', 'bc', 'mln']).default('qe'),
    /**
     * S = 0 with nobody left at risk: corrected counting the patients at risk just before the
     * curve reached 0 ('followed'), or the study excluded at that time ('exclude').
     */
    zeroSurvival: z.enum(['followed', 'exclude']).default('followed'),
    /** The study field whose values form the subgroups; none when null. */
    subgroupBy: z.enum(['subgroup', 'design']).nullable().default('subgroup'),
    /** Spacing of the pooled curves' time grid; null: a twentieth of the last survival time. */
    curveStep: time.nullable().default(null),
    /**
     * Horizon τ of the one-stage RMST (issue 16); null: the shortest last follow-up of any arm.
     * A τ past an arm's follow-up is allowed and flagged in the notes as an extrapolation.
     */
    rmstTau: time.nullable().default(null),
  })
  .refine(
    (s) => s.curveStep === null || (s.survivalTimes.at(-1) ?? 0) / s.curveStep <= MAX_GRID_POINTS,
    {
      path: ['curveStep'],
      message: `makes more than ${MAX_GRID_POINTS} grid points up to the last survival time; choose a larger step`,
    },
  )

export const reviewSchema = z.strictObject({
  format: z.literal(REVIEW_FORMAT),
  version: z.literal(REVIEW_VERSION),
  title: z.string().default(''),
  studies: z.array(reviewStudySchema).max(MAX_STUDIES),
  settings: reviewSettingsSchema.default(() => reviewSettingsSchema.parse({})),
})

export type Review = z.output<typeof reviewSchema>
export type ReviewStudy = Review['studies'][number]
export type ReviewSettings = z.output<typeof reviewSettingsSchema>

/** The default pooling settings: REML, cloglog, survival at 1–5 years in months, by subgroup. */
export function defaultReviewSettings(): ReviewSettings {
  return reviewSettingsSchema.parse({})
}

/** A review with no studies yet. */
export function emptyReview(title = ''): Review {
  return reviewSchema.parse({
    format: REVIEW_FORMAT,
    version: REVIEW_VERSION,
    title,
    studies: [],
  })
}
