/**
 * The JSON each command prints with --json: one zod schema per output, the single source of
 * docs/cli-schemas/*.schema.json (JSON Schema, draft 2020-12, written by z.toJSONSchema; a test
 * checks the files are these and that the commands' real output passes them). Objects are strict:
 * a field added to an output without its schema fails that test.
 */
import { z } from 'zod'

const int = z.number().int()
const count = int.min(0)
const num = z.number()
/** A number JSON may carry as null: not reached, not estimable, or not given. */
const numOrNull = z.number().nullable()

const accuracy = z
  .strictObject({ rmse: num, mae: num, max_abs: num })
  .describe('Fit of the reconstructed curve to the digitized one, in survival (0–1)')

const riskCheck = z
  .array(z.strictObject({ time: num, published: num, reconstructed: num }))
  .describe('Numbers at risk: published and reconstructed, at each published time')

const marksNotUsed = z
  .strictObject({
    from: num,
    to: numOrNull.describe('null: to the end of the curve'),
    reason: z
      .enum(['stray', 'missed', 'misfit', 'few'])
      .describe(
        'stray: marks where the risk table implies no censoring; missed: fewer marks than ' +
          'censorings; misfit: the curve through the marks fits the drops worse; few: too few ' +
          'marks for the whole arm',
      ),
    marks: count.describe('marks given in the stretch'),
    censorings: count
      .optional()
      .describe('censorings the reconstruction without marks finds there'),
    excess: z
      .strictObject({ mean: num, end: num })
      .optional()
      .describe(
        'misfit: how much further (survival) the curve through the marks lies from the drops',
      ),
  })
  .describe('a stretch of censor marks given but not used')

const reconstructWarnings = z.array(
  z.strictObject({
    code: z
      .string()
      .describe(
        'stray-click, non-monotone, start-below-one, estimated-n, risk-mismatch, ' +
          'drops-after-end, events-mismatch, marks-not-used',
      ),
    message: z.string().describe('in plain words, as the text output prints it'),
    point: count.optional().describe('the digitized point it concerns, from 0'),
    risk_row: count.optional().describe('the risk-table row it concerns, from 0'),
    marks: z.array(marksNotUsed).optional().describe('marks-not-used: the stretches it is about'),
  }),
)

/** Every stretch of censor marks not used, and why; only when censor marks were given. */
const marksNotUsedList = z
  .array(marksNotUsed)
  .optional()
  .describe('with censor marks given: every stretch not used, warned of or not')

/** `kmpool reconstruct --points … --json`. */
export const reconstructOutput = z.strictObject({
  n: count.describe('patients reconstructed'),
  events: count,
  censored: count,
  warnings: reconstructWarnings,
  marks_not_used: marksNotUsedList,
  accuracy,
  risk: riskCheck,
  method: z.enum(['kmpool', 'guyot']),
  intervals: z.array(
    z.strictObject({
      from: num,
      to: numOrNull.describe('null: the last interval, open to the end of the curve'),
      n_risk_start: count,
      published_end: numOrNull,
      reconstructed_end: num,
      events: count,
      censored: count,
    }),
  ),
  preprocessing: z.array(
    z.strictObject({
      step: z.enum([
        'scale',
        'negative-times',
        'sort',
        'clamp',
        'duplicates',
        'outliers',
        'monotone',
        'start',
      ]),
      changed: count,
      detail: z.string(),
    }),
  ),
  scale: z.enum(['proportion', 'percent']).describe('how the survival column was read'),
})

const hazardRatio = z.strictObject({
  ref: z.string().describe('the reference arm'),
  other: z.string(),
  hr: numOrNull.describe('Cox hazard ratio, other vs ref (Efron ties)'),
  lower: numOrNull,
  upper: numOrNull,
  p_logrank: numOrNull,
})

/** `kmpool reconstruct --study S.kmstudy --json`. */
export const reconstructStudyOutput = z.strictObject({
  study: z.string().describe('the study label, or its citation'),
  time_unit: z.enum(['days', 'weeks', 'months', 'years']),
  curves: z.array(
    z.discriminatedUnion('status', [
      z.strictObject({
        name: z.string(),
        status: z.literal('incomplete'),
        reason: z.string(),
      }),
      z.strictObject({
        name: z.string(),
        status: z.literal('failed'),
        problem: z.strictObject({
          message: z.string(),
          point: count.optional().describe('the digitized point at fault, from 0'),
          riskRow: count.optional().describe('the risk-table row at fault, from 0'),
        }),
      }),
      z.strictObject({
        name: z.string(),
        status: z.literal('done'),
        n: count,
        events: count,
        censored: count,
        median: numOrNull,
        median_lower: numOrNull,
        median_upper: numOrNull,
        accuracy,
        risk: riskCheck,
        years: z.array(
          z.strictObject({
            years: num,
            time: num.describe('the same time in the study’s time unit'),
            surv: num,
            se: numOrNull,
            lower: numOrNull,
            upper: numOrNull,
            n_risk: count,
          }),
        ),
        warnings: reconstructWarnings,
        marks_not_used: marksNotUsedList,
      }),
    ]),
  ),
  hr: hazardRatio.nullable().describe('with exactly two reconstructed curves'),
})

/** `kmpool km --json`. */
export const kmOutput = z.strictObject({
  groups: z.array(
    z.strictObject({
      group: z.string().describe('"all" without --group'),
      n: count,
      events: count,
      median: numOrNull,
      median_lower: numOrNull,
      median_upper: numOrNull,
      at: z.array(
        z.strictObject({
          time: num,
          surv: num,
          se: numOrNull,
          lower: numOrNull,
          upper: numOrNull,
          n_risk: count,
        }),
      ),
    }),
  ),
  hr: hazardRatio.optional().describe('with exactly two groups'),
})

/** `kmpool trace --json` (one figure). */
export const traceOutput = z.strictObject({
  source: z.enum(['vector', 'pixels']).describe("vector: read from a PDF page's paths"),
  curves: z.array(
    z.strictObject({
      color: z.string().regex(/^#[0-9a-f]{6}$/),
      line_width: num.describe('pixels'),
      columns_seen: count.optional().describe('traced in pixels: image columns with ink'),
      columns_bridged: count.optional(),
      dash: z.array(num).optional().describe('read from a PDF: its dash pattern'),
      status: z.enum(['whole', 'inferred', 'gaps']),
      stretches: z.array(
        z.strictObject({
          kind: z.enum(['under', 'gap']),
          from: num,
          to: num,
          x0: num,
          x1: num,
          under_marks: z
            .literal(true)
            .optional()
            .describe('the stretch is hidden under censor marks drawn over the line'),
          under_color: z.string().optional(),
          under_arm: int.min(1).optional(),
        }),
      ),
      points: z.array(z.strictObject({ time: num, surv: num, x: num, y: num })),
      censor: z.array(num).describe('censor-mark times'),
      warnings: z.array(z.string()),
    }),
  ),
  warnings: z.array(
    z.strictObject({ code: z.string(), message: z.string(), color: z.string().optional() }),
  ),
})

const pooledValue = z
  .strictObject({ value: num, lower: num, upper: num })
  .describe('on the natural scale (survival 0–1, median in time units, hazard ratio)')

/** `kmpool pool --outcome generic|survival|median|hr --json` (DESIGN.md section 3). */
export const poolOutput = z.strictObject({
  outcome: z.enum(['generic', 'survival', 'median', 'hr']),
  method: z.string().describe('tau² estimator (REML, DL, …; FE = fixed effect)'),
  hksj: z.boolean(),
  scale: z.enum(['identity', 'log', 'cloglog', 'logit', 'arcsine']),
  time: numOrNull,
  k: count,
  estimate: numOrNull.describe('on the analysis scale'),
  se: numOrNull,
  ci_lower: numOrNull,
  ci_upper: numOrNull,
  pi_lower: numOrNull,
  pi_upper: numOrNull,
  tau2: numOrNull,
  tau2_ci_lower: numOrNull,
  tau2_ci_upper: numOrNull,
  I2: numOrNull,
  H2: numOrNull,
  Q: numOrNull,
  Q_df: numOrNull,
  Q_p: numOrNull,
  pooled: pooledValue.nullable(),
  studies: z.array(
    z.strictObject({
      study: z.string(),
      subgroup: z.string().nullable(),
      yi: numOrNull,
      vi: numOrNull,
      weight: numOrNull.describe('percent'),
      excluded: z.boolean(),
      reason: z.string().nullable(),
      method: z.string().describe('how yi and vi were obtained (peto, greenwood, ci-log, …)'),
    }),
  ),
  subgroups: z.array(
    z.strictObject({
      subgroup: z.string(),
      k: count,
      estimate: numOrNull,
      se: numOrNull,
      ci_lower: numOrNull,
      ci_upper: numOrNull,
      tau2: numOrNull,
      I2: numOrNull,
      pooled: pooledValue.nullable(),
    }),
  ),
  Q_between: numOrNull,
  Q_between_df: numOrNull,
  Q_between_p: numOrNull,
  notes: z.array(z.string()),
})

/** `kmpool pool --outcome curve --json`. */
export const poolCurveOutput = z.strictObject({
  method: z.string(),
  curve: z.array(z.strictObject({ time: num, surv: num, lower: num, upper: num, k: count })),
  median: z.strictObject({ estimate: numOrNull, lower: numOrNull, upper: numOrNull }),
  studies: z.array(
    z.strictObject({
      study: z.string(),
      intervals: z.array(int.min(1)),
      excluded: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
  notes: z.array(z.string()),
})

/** An array of per-input results: the --json output of a command given several inputs. */
function batchOutput<T extends z.ZodType>(result: T) {
  return z.array(
    z.strictObject({
      input: z.string().describe('as named, or found in a named folder'),
      status: z
        .enum(['ok', 'partial', 'failed'])
        .describe(
          'partial: done in part (trace: a colour given could not be traced), files written',
        ),
      error: z
        .string()
        .nullable()
        .describe('why it failed, or what of it could not be done, one line'),
      outputs: z.array(z.string()).describe('files written under --out-dir'),
      warnings: count,
      result: result.nullable().describe('as the command prints for this input alone'),
    }),
  )
}

const axisPoint = z.strictObject({ px: num, py: num, value: num })

const calibration = z
  .strictObject({
    x1: axisPoint,
    x2: axisPoint,
    y1: axisPoint,
    y2: axisPoint,
    xScale: z.enum(['linear', 'log']).optional(),
    yScale: z.enum(['proportion', 'percent']).optional(),
    yAxis: z.enum(['linear', 'log']).optional(),
    timeUnit: z.enum(['days', 'weeks', 'months', 'years']).optional(),
  })
  .describe(
    'the calibration, as --calibration reads it: pixel position and value of two points per axis',
  )

const axisReading = z.strictObject({
  verified: z.boolean(),
  scale: z.enum(['linear', 'log']).nullable(),
  ticks: count.describe('tick marks found'),
  labels: count.describe('tick labels read and used in the fit'),
  max_residual_px: numOrNull.describe('largest distance of a tick from the fitted line'),
  confidence: num.describe('0–1'),
})

/** `kmpool axes --json`. */
export const axesOutput = z.strictObject({
  calibration: calibration.nullable().describe('null when the axes could not be verified'),
  x: axisReading,
  y: axisReading,
  problems: z.array(z.string()).describe('what could not be read, in words'),
})

const pixelBox = z.strictObject({ x0: num, y0: num, x1: num, y1: num })

/** `kmpool risk --json`. */
export const riskOutput = z.strictObject({
  times: z.array(num).describe('the columns: tick times, in the calibration’s time unit'),
  times_from: z.enum(['axis-labels', 'given', 'calibration']),
  header: z.string().nullable(),
  arms: z.array(
    z.strictObject({
      label: z.string(),
      color: z.string().nullable(),
      file: z.string().nullable().describe('the CSV written, with --out-dir'),
      rows: z.array(
        z.strictObject({
          time: num,
          n_risk: count,
          in_parentheses: count.optional().describe('a second number printed in parentheses'),
        }),
      ),
      problems: z.array(
        z.strictObject({
          code: z.enum([
            'missing',
            'blank',
            'low-confidence',
            'not-a-number',
            'disagree',
            'two-numbers',
            'stray',
            'rises',
            'exceeds-n',
            'no-label',
          ]),
          time: numOrNull,
          box: pixelBox.describe('image pixels'),
          text: z.string().optional().describe('what was read there'),
          message: z.string(),
        }),
      ),
    }),
  ),
  ignored: z.array(z.strictObject({ text: z.string(), box: pixelBox })),
})

/** `kmpool read --json`. */
export const readOutput = z.strictObject({
  calibration,
  calibration_from: z.enum(['read', 'user']),
  curves: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      color: z.string(),
      status: z.enum(['whole', 'inferred', 'gaps']),
      points: z.array(z.strictObject({ time: num, surv: num })),
      censor: z.array(num),
      risk: z.array(z.strictObject({ time: num, n_risk: count })),
      risk_problems: z.array(z.string()),
      matched_by: z.enum(['color', 'numbers', 'order']).nullable(),
    }),
  ),
  reference: z.string().describe('id of the curve taken as the reference (control) arm'),
  to_check: z.array(z.string()).describe('the parts read automatically and not yet confirmed'),
  warnings: z.array(z.string()),
})

/** Every output with its file name under docs/cli-schemas/ and the command that prints it. */
export const cliSchemas = [
  {
    name: 'reconstruct',
    command: 'kmpool reconstruct --points … --json',
    schema: reconstructOutput,
  },
  {
    name: 'reconstruct-study',
    command: 'kmpool reconstruct --study S.kmstudy --json',
    schema: reconstructStudyOutput,
  },
  {
    name: 'reconstruct-batch',
    command: 'kmpool reconstruct STUDY|DIR… --json',
    schema: batchOutput(reconstructStudyOutput),
  },
  { name: 'km', command: 'kmpool km --json', schema: kmOutput },
  { name: 'trace', command: 'kmpool trace --image|--pdf … --json', schema: traceOutput },
  {
    name: 'trace-batch',
    command: 'kmpool trace FIGURE|DIR… --json',
    schema: batchOutput(traceOutput),
  },
  {
    name: 'pool',
    command: 'kmpool pool --outcome generic|survival|median|hr --json',
    schema: poolOutput,
  },
  { name: 'pool-curve', command: 'kmpool pool --outcome curve --json', schema: poolCurveOutput },
  { name: 'axes', command: 'kmpool axes --image F --json', schema: axesOutput },
  { name: 'risk', command: 'kmpool risk --image F --calibration C --json', schema: riskOutput },
  { name: 'read', command: 'kmpool read --image F --json', schema: readOutput },
  {
    name: 'read-batch',
    command: 'kmpool read FIGURE|DIR… --json',
    schema: batchOutput(readOutput),
  },
] as const

/** The text of docs/cli-schemas/NAME.schema.json. */
export function jsonSchemaText(entry: (typeof cliSchemas)[number]): string {
  const schema = z.toJSONSchema(entry.schema, { target: 'draft-2020-12' })
  return `${JSON.stringify({ ...schema, title: entry.command }, null, 2)}\n`
}
