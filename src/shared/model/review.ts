import { z } from 'zod'
import { SURVIVAL_SCALES, TAU2_METHODS } from '../meta'

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

export const reviewSettingsSchema = z.strictObject({
  /**
   * The unit of `survivalTimes`, `curveStep` and of every time the review reports; each study's
   * times are converted from its own unit (its calibration's, or its published numbers').
   */
  timeUnit: z.enum(TIME_UNITS).default('months'),
  survivalTimes: z
    .array(positive)
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
  /** SD from a median, range and n: Hozo 2005, Wan 2014 or Luo 2018 (mean). */
  rangeMethod: z.enum(['hozo', 'wan', 'luo']).default('hozo'),
  /** The study field whose values form the subgroups; none when null. */
  subgroupBy: z.enum(['subgroup', 'design']).nullable().default('subgroup'),
  /** Spacing of the pooled curves' time grid; null: a twentieth of the last survival time. */
  curveStep: positive.nullable().default(null),
})

export const reviewSchema = z.strictObject({
  format: z.literal(REVIEW_FORMAT),
  version: z.literal(REVIEW_VERSION),
  title: z.string().default(''),
  studies: z.array(reviewStudySchema),
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
