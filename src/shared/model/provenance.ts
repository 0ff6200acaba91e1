import { z } from 'zod'
import { MAX_COORDINATE, MAX_CURVES, MAX_PATIENTS, MAX_RISK_ROWS } from './limits'

const pixel = z.number().refine(Number.isFinite, 'a finite number').min(0).max(MAX_COORDINATE)

/**
 * Where one cell of a risk table was read in the figure: its box in image pixels (y down), the
 * tick time it stands under, and the number read there; absent, nothing could be read (the app
 * outlines the box with "?"). Kept so that the reviewer sees, on the figure, where each number
 * came from. The study checks that the box lies inside its figure.
 */
export const readCellSchema = z
  .strictObject({
    time: z.number().refine(Number.isFinite, 'a finite number'),
    x0: pixel,
    y0: pixel,
    x1: pixel,
    y1: pixel,
    n: z.number().int().min(0).max(MAX_PATIENTS).optional(),
  })
  .refine((c) => c.x0 <= c.x1 && c.y0 <= c.y1, 'a box has x0 ≤ x1 and y0 ≤ y1')

/**
 * Which parts of a study were read from its figure automatically (`kmpool read`, the app's "Read
 * figure"; issue 14) and whether a person has confirmed each since: the calibration, each curve's
 * trace, its risk table and censor marks, and the reference arm. An automatic part is "to check"
 * until confirmed; a part entered or corrected by hand is `from: 'user'`. A study without
 * `provenance` (every file saved before issue 14, and studies made by hand) has nothing to check.
 */
export const provenanceMarkSchema = z.strictObject({
  from: z.enum(['read', 'user']),
  confirmed: z.boolean(),
  /** What the reader could not do or was unsure of, in words, for the person checking. */
  notes: z.array(z.string().max(500)).max(200).default([]),
  /**
   * A risk table's mark only: the times of the cells read and not yet checked, when some were
   * corrected by hand since (each such cell is the reviewer's own); absent, every cell of an
   * unconfirmed reading is to check.
   */
  times: z.array(z.number().refine(Number.isFinite)).max(MAX_RISK_ROWS).optional(),
  /**
   * A risk table's mark only: where its cells were read in the figure, one per tick at most
   * (files saved before these were kept have none: nothing is outlined).
   */
  cells: z.array(readCellSchema).max(MAX_RISK_ROWS).optional(),
})

const perCurve = z
  .record(z.string().min(1), provenanceMarkSchema)
  .refine((r) => Object.keys(r).length <= MAX_CURVES, `at most ${MAX_CURVES} curves`)

export const provenanceSchema = z.strictObject({
  calibration: provenanceMarkSchema.optional(),
  /** Keyed by curve id. */
  curves: perCurve.optional(),
  risk: perCurve.optional(),
  censor: perCurve.optional(),
  referenceCurve: provenanceMarkSchema.optional(),
})

export type ProvenanceMark = z.output<typeof provenanceMarkSchema>
export type Provenance = z.output<typeof provenanceSchema>
export type ReadCell = z.output<typeof readCellSchema>

/** Whether a mark is of an automatic reading not yet confirmed. */
export function markToCheck(m: ProvenanceMark | undefined): m is ProvenanceMark {
  return m !== undefined && m.from === 'read' && !m.confirmed
}

/** Whether the trace of curve `id` was read and is not confirmed yet. */
export function curveToCheck(p: Provenance | undefined, id: string): boolean {
  return markToCheck(p?.curves?.[id])
}

/** Whether the cell at `time` of a risk table's mark was read and is not checked since. */
export function cellToCheck(m: ProvenanceMark | undefined, time: number): boolean {
  if (!markToCheck(m)) return false
  return m.times === undefined || m.times.some((t) => Math.abs(t - time) < 1e-9)
}

/**
 * Where the provenance puts a box outside a figure of `width` × `height` pixels, as the paths
 * and messages of the study's schema; none when every box is inside.
 */
export function cellsOutside(
  p: Provenance | undefined,
  width: number,
  height: number,
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = []
  for (const [id, m] of Object.entries(p?.risk ?? {})) {
    m.cells?.forEach((c, i) => {
      if (c.x1 > width || c.y1 > height) {
        out.push({
          path: ['risk', id, 'cells', i],
          message: `the box of the cell read at ${c.time} lies outside the ${width} × ${height} figure`,
        })
      }
    })
  }
  return out
}

/** The parts still to check, as "calibration", "curves.<id>", "risk.<id>"…, in that order. */
export function partsToCheck(p: Provenance | undefined): string[] {
  if (!p) return []
  const out: string[] = []
  const one = (name: string, m: ProvenanceMark | undefined) => {
    if (m && m.from === 'read' && !m.confirmed) out.push(name)
  }
  one('calibration', p.calibration)
  for (const key of ['curves', 'risk', 'censor'] as const) {
    for (const [id, m] of Object.entries(p[key] ?? {})) one(`${key}.${id}`, m)
  }
  one('referenceCurve', p.referenceCurve)
  return out
}
