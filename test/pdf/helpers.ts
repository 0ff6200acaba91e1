import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { IpdRow, RiskRow } from '../../src/shared/reconstruct/types'
import { parseCalibration } from '../../src/shared/trace'
import type { Calibration } from '../../src/shared/trace'

/** test/fixtures/pdf: R-made KM figures (make.R) with their calibration and truth. */
export const FIXTURES = resolve(import.meta.dirname, '../fixtures/pdf')

/** The four R-made figures, one per shared case. */
export const CASES = ['lung', 'veteran', 'ovarian', 'aml'] as const

export interface FixtureArm {
  name: string
  color: string
  /** R's line type: 1 solid, 2 dashed. */
  lty: number
  ipd: IpdRow[]
  risk: RiskRow[]
  /** The KM step function's corners as R draws them. */
  corners: { time: number; surv: number }[]
  /** The times R marks as censored (one mark per time). */
  censor: number[]
}

export interface PdfFixture {
  name: string
  pdf: string
  json: string
  scale: number
  calibration: Calibration
  arms: FixtureArm[]
}

interface ArmJson {
  color: string
  lty: number
  ipd: { time: number[]; status: number[] }
  risk: { time: number[]; n_risk: number[] }
  corners: { time: number[]; surv: number[] }
  censor: number[] | number
}

export function loadFixture(name: string): PdfFixture {
  const json = join(FIXTURES, `${name}.json`)
  const raw = JSON.parse(readFileSync(json, 'utf8'))
  const arms = Object.entries(raw.arms as Record<string, ArmJson>).map(([armName, a]) => ({
    name: armName,
    color: a.color,
    lty: a.lty,
    ipd: a.ipd.time.map((time, i) => ({
      time,
      event: a.ipd.status[i] === 1 ? (1 as const) : (0 as const),
    })),
    risk: a.risk.time.map((time, i) => ({ time, nRisk: a.risk.n_risk[i] })),
    corners: a.corners.time.map((time, i) => ({ time, surv: a.corners.surv[i] })),
    // jsonlite writes a one-element vector as a number.
    censor: ([] as number[]).concat(a.censor),
  }))
  return {
    name,
    pdf: join(FIXTURES, `${name}.pdf`),
    json,
    scale: raw.scale,
    calibration: parseCalibration(raw),
    arms,
  }
}

/**
 * Half of the 0.01 pt to which R's pdf device rounds coordinates, in the fixture's time unit:
 * the best any reading of its vector paths can do.
 */
export function roundingInTime(f: PdfFixture): number {
  const { x1, x2 } = f.calibration
  const timePerPixel = Math.abs(x2.value - x1.value) / Math.hypot(x2.px - x1.px, x2.py - x1.py)
  return 0.005 * f.scale * timePerPixel
}
