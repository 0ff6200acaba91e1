import type { TraceStatus } from '../trace/traceStatus'
import { z } from 'zod'
import { MAX_COORDINATE, MAX_TIME } from './limits'

/**
 * What the automatic tracer said about a curve when its trace was applied (issue 10), saved with
 * the curve: `whole` (its own ink from start to end), `inferred` (stretches followed along another
 * curve's ink, under which its own is hidden) or `gaps` (stretches with no ink to follow, bridged
 * by a straight line). The stretches give times (the calibration's unit) and image columns
 * [x0, x1); `underColor` is the colour of the curve followed. The tracer's index of that curve is
 * not kept: it numbers the curves of one tracing run, not the study's. A curve digitized by hand,
 * or saved before issue 10, has no trace status.
 *
 * `notes` are what the tracer noted of that trace (its warnings' messages; the app words them), so
 * that a study opened again shows them as it did after tracing. Absent: the trace was saved before
 * notes were kept, or made by "Read figure", whose notes are the provenance's. Empty: nothing to
 * note, or the points were edited by hand since (an edited curve is the reviewer's own).
 */

/** Far above any real trace: a stretch is at least a few line widths long. */
export const MAX_TRACE_STRETCHES = 1_000
/** Far above any real trace's notes (a handful), so that a file from someone else stays small. */
export const MAX_TRACE_NOTES = 200
/** A note's length at most: the tracer's longest are two sentences with a list of times. */
export const MAX_TRACE_NOTE_CHARS = 2_000

const finite = z.number().refine(Number.isFinite, 'must be a finite number')
const time = finite.refine((t) => Math.abs(t) <= MAX_TIME, `must be at most ${MAX_TIME} in size`)
const column = finite.refine(
  (x) => Math.abs(x) <= MAX_COORDINATE,
  `must be at most ${MAX_COORDINATE} in size`,
)

export const traceStretchSchema = z.strictObject({
  kind: z.enum(['under', 'gap']),
  from: time,
  to: time,
  x0: column,
  x1: column,
  underColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  /** The stretch was hidden under censor marks (traceStatus.ts: underMarks). */
  underMarks: z.literal(true).optional(),
})

export const curveTraceSchema = z.strictObject({
  status: z.enum(['whole', 'inferred', 'gaps']),
  stretches: z.array(traceStretchSchema).max(MAX_TRACE_STRETCHES),
  notes: z.array(z.string().max(MAX_TRACE_NOTE_CHARS)).max(MAX_TRACE_NOTES).optional(),
})

export type CurveTrace = z.infer<typeof curveTraceSchema>
export type CurveTraceStretch = CurveTrace['stretches'][number]

/**
 * The tracer's status as the study keeps it: the tracer's run-local curve index dropped, and with
 * `notes` when given (the trace's warnings' messages), kept within the schema's bounds so that the
 * saved file always opens again: a longer note is cut, with "…", and notes past the limit dropped.
 */
export function curveTraceOf(status: TraceStatus, notes?: readonly string[]): CurveTrace {
  return {
    status: status.status,
    stretches: status.stretches.map((s) => ({
      kind: s.kind,
      from: s.from,
      to: s.to,
      x0: s.x0,
      x1: s.x1,
      ...(s.underColor === undefined ? {} : { underColor: s.underColor }),
      ...(s.underMarks ? { underMarks: true as const } : {}),
    })),
    ...(notes === undefined
      ? {}
      : {
          notes: notes
            .slice(0, MAX_TRACE_NOTES)
            .map((n) =>
              n.length > MAX_TRACE_NOTE_CHARS ? `${n.slice(0, MAX_TRACE_NOTE_CHARS - 1)}…` : n,
            ),
        }),
  }
}
