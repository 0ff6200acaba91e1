import { z } from 'zod'
import { MAX_CURVES, MAX_RISK_ROWS } from './limits'

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
