import { z } from 'zod'
import { curveTraceSchema } from './curveTrace'
import { cellsOutside, provenanceSchema } from './provenance'
import {
  MAX_CENSOR_MARKS,
  MAX_COORDINATE,
  MAX_CURVES,
  MAX_MASK_STROKES,
  MAX_PATIENTS,
  MAX_POINTS_PER_CURVE,
  MAX_RISK_ROWS,
  MAX_STROKE_POINTS,
  MAX_SURVIVAL_TIMES,
  MAX_TIME,
} from './limits'

/**
 * One study as saved in a `.kmstudy` project file (DESIGN.md section 3): the figure (embedded, or
 * referenced by a path relative to the file, with its hash either way), the calibration, the
 * curves with their points in pixels and in data units, the risk tables, the reported numbers,
 * the subgroup and notes. JSON with `format` and `version`, validated on load, migrated forward.
 * Every number that sizes work is bounded (limits.ts), so that a file from someone else cannot
 * exhaust a computation.
 */
export const STUDY_FORMAT = 'kmpool-study'
export const STUDY_VERSION = 1

const finite = z.number().refine(Number.isFinite, 'must be a finite number')
/** A pixel coordinate or an axis value. */
const coordinate = finite.refine(
  (x) => Math.abs(x) <= MAX_COORDINATE,
  `must be at most ${MAX_COORDINATE} in size`,
)
/** A time, in the file's unit. */
const time = finite.refine(
  (t) => Math.abs(t) <= MAX_TIME,
  `must be at most ${MAX_TIME} (in the file's time unit)`,
)
const count = z.number().int().min(0).max(MAX_PATIENTS)
const patients = z.number().int().positive().max(MAX_PATIENTS)

export const axisPointSchema = z.strictObject({
  px: coordinate,
  py: coordinate,
  value: coordinate,
})

export const calibrationSchema = z.strictObject({
  x1: axisPointSchema,
  x2: axisPointSchema,
  y1: axisPointSchema,
  y2: axisPointSchema,
  xScale: z.enum(['linear', 'log']).default('linear'),
  yScale: z.enum(['proportion', 'percent']).default('proportion'),
  yAxis: z.enum(['linear', 'log']).default('linear'),
  timeUnit: z.enum(['days', 'weeks', 'months', 'years']).default('months'),
  /**
   * What the y axis shows: survival (falling curves), or cumulative incidence, the share with the
   * event (rising curves, S = 1 − y). Absent, as in files written before it existed: survival.
   */
  yShows: z.enum(['survival', 'cumulative-incidence']).optional(),
})

export const figureSchema = z
  .strictObject({
    name: z.string(),
    mime: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/bmp']),
    /** SHA-256 of the image bytes, hex: a referenced file that changed is detected on load. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    width: z.number().int().positive().max(MAX_COORDINATE),
    height: z.number().int().positive().max(MAX_COORDINATE),
    /** The image bytes, base64, when embedded. */
    data: z.string().optional(),
    /** A path relative to the study file, when referenced. */
    path: z.string().optional(),
    /** Where the image came from when it is a rendered PDF page: to render or read it again. */
    source: z
      .strictObject({
        kind: z.literal('pdf'),
        name: z.string(),
        page: z.number().int().positive().max(100_000),
        scale: z.number().positive().max(100),
        /** The part of the rendered page kept, in its pixels; absent: the whole page. */
        crop: z
          .strictObject({
            x: z.number().min(0).max(MAX_COORDINATE),
            y: z.number().min(0).max(MAX_COORDINATE),
            width: z.number().positive().max(MAX_COORDINATE),
            height: z.number().positive().max(MAX_COORDINATE),
          })
          .optional(),
      })
      .optional(),
  })
  .refine((f) => (f.data === undefined) !== (f.path === undefined), {
    message: 'a figure is either embedded (data) or referenced (path), not both or neither',
  })

/** A digitized point: where it was clicked, and what the calibration made of it. */
export const curvePointSchema = z.strictObject({
  px: coordinate,
  py: coordinate,
  time,
  surv: coordinate,
})

export const curveSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  points: z.array(curvePointSchema).max(MAX_POINTS_PER_CURVE),
  risk: z
    .array(z.strictObject({ time: time.refine((t) => t >= 0, 'must be ≥ 0'), nRisk: count }))
    .max(MAX_RISK_ROWS),
  totalN: patients.optional(),
  totalEvents: count.optional(),
  /** Times of censor marks on the curve, when known (issue 5). */
  censorTimes: z.array(time).max(MAX_CENSOR_MARKS).optional(),
  /** What the tracer said of the curve's last automatic trace (issue 10; curveTrace.ts). */
  trace: curveTraceSchema.optional(),
})

/**
 * A brush stroke of the tracing mask (issue 5), in image pixels: the pixels within `radius` of its
 * path are hidden from automatic tracing, or shown again by an `erase` stroke painted later.
 */
export const maskStrokeSchema = z.strictObject({
  erase: z.boolean(),
  radius: coordinate.refine((r) => r > 0, 'must be > 0'),
  points: z
    .array(z.tuple([coordinate, coordinate]))
    .min(1)
    .max(MAX_STROKE_POINTS),
})

const estimateWithCi = z.strictObject({
  value: coordinate,
  lower: coordinate.optional(),
  upper: coordinate.optional(),
})

export const studyRecordSchema = z.strictObject({
  label: z.string().default(''),
  citation: z.string().default(''),
  subgroup: z.string().default(''),
  design: z.string().default(''),
  outcome: z.string().default('OS'),
  reportedN: patients.optional(),
  reportedMedian: estimateWithCi.optional(),
  reportedHr: estimateWithCi.optional(),
  notes: z.string().default(''),
})

const proportion = finite.refine((s) => s >= 0 && s <= 1, 'must be a proportion in [0, 1]')

/**
 * Survival at a time as a study without a usable figure publishes it. The variance comes from the
 * first of these that is given: `se` (a published SE of S), `lower` and `upper` (a published CI,
 * log scale as R's default), `nRisk` (Peto); the review names the method beside each number.
 */
export const publishedSurvivalSchema = z.strictObject({
  time: time.refine((t) => t > 0, 'must be > 0'),
  surv: proportion,
  nRisk: count.optional(),
  se: finite.refine((x) => x > 0, 'must be > 0').optional(),
  lower: proportion.optional(),
  upper: proportion.optional(),
})

/**
 * The numbers a study publishes, pooled when it has no reconstructed curve for that outcome
 * (issue 6): survival at times, a median with its CI, a median with its range and/or quartiles
 * and n,
 * a hazard ratio with its CI. Times in `timeUnit`; survival as proportions. The `record`'s
 * reported numbers stay what they were: the publication's values to check a reconstruction by.
 */
export const publishedSchema = z.strictObject({
  timeUnit: z.enum(['days', 'weeks', 'months', 'years']).default('months'),
  survival: z.array(publishedSurvivalSchema).max(MAX_SURVIVAL_TIMES).default([]),
  median: estimateWithCi.optional(),
  /**
   * A median reported with its range (min, max), its quartiles (q1, q3) or both, and n (the
   * scenarios S1, S2, S3 of McGrath et al. 2020). Files written before the quartiles existed
   * (median, min, max, n) read unchanged.
   */
  medianRange: z
    .strictObject({
      median: time,
      min: time.optional(),
      q1: time.optional(),
      q3: time.optional(),
      max: time.optional(),
      n: z.number().int().min(2).max(MAX_PATIENTS),
    })
    .superRefine((r, ctx) => {
      const pairs: [keyof typeof r, keyof typeof r][] = [
        ['min', 'max'],
        ['q1', 'q3'],
      ]
      for (const [a, b] of pairs) {
        if ((r[a] === undefined) !== (r[b] === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [r[a] === undefined ? a : b],
            message: `${a} and ${b} go together: give both or neither`,
          })
        }
      }
      if (r.min === undefined && r.q1 === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['min'],
          message: 'give the range (min, max), the quartiles (q1, q3) or both with the median',
        })
      }
      const ordered = [r.min, r.q1, r.median, r.q3, r.max].filter(
        (x): x is number => x !== undefined,
      )
      if (ordered.some((x, i) => i > 0 && x < ordered[i - 1])) {
        ctx.addIssue({
          code: 'custom',
          path: ['median'],
          message: 'must be in order: min ≤ q1 ≤ median ≤ q3 ≤ max',
        })
      }
    })
    .optional(),
  /** The hazard ratio as published; `comparison` says which arm against which. */
  hr: z
    .strictObject({
      value: coordinate,
      lower: coordinate,
      upper: coordinate,
      comparison: z.string().default(''),
    })
    .optional(),
})

const studyObject = z.strictObject({
  format: z.literal(STUDY_FORMAT),
  version: z.literal(STUDY_VERSION),
  record: studyRecordSchema,
  figure: figureSchema.nullable(),
  calibration: calibrationSchema.nullable(),
  curves: z.array(curveSchema).max(MAX_CURVES),
  /**
   * The id of the curve a review pools for this study (its treatment arm, say); the first curve
   * when absent. A two-arm study's other curve gives the hazard ratio.
   */
  pooledCurve: z.string().min(1).optional(),
  /**
   * The id of the reference (control) arm: a hazard ratio is the other arm against it, the same in
   * the study view, the review and the exports. Absent in older files: see `referenceCurveId`.
   */
  referenceCurve: z.string().min(1).optional(),
  published: publishedSchema.optional(),
  /** The figure's tracing mask, strokes in the order painted. */
  traceMask: z.array(maskStrokeSchema).max(MAX_MASK_STROKES).optional(),
  /** Which parts were read from the figure automatically, and which are confirmed (issue 14). */
  provenance: provenanceSchema.optional(),
})

export const studySchema = studyObject.superRefine((s, ctx) => {
  // The boxes of cells read from the figure lie inside it (issue 14).
  if (!s.figure) return
  for (const issue of cellsOutside(s.provenance, s.figure.width, s.figure.height)) {
    ctx.addIssue({ code: 'custom', path: ['provenance', ...issue.path], message: issue.message })
  }
})

export type Study = z.output<typeof studySchema>
export type StudyCurve = Study['curves'][number]
export type StudyCalibration = z.output<typeof calibrationSchema>
export type StudyFigure = z.output<typeof figureSchema>
export type StudyPublished = z.output<typeof publishedSchema>
export type MaskStroke = z.output<typeof maskStrokeSchema>

/** A study with nothing in it yet. */
export function emptyStudy(): Study {
  return studySchema.parse({
    format: STUDY_FORMAT,
    version: STUDY_VERSION,
    record: {},
    figure: null,
    calibration: null,
    curves: [],
  })
}
