import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { readIpdFile } from '../../src/shared/formats/ipdFile'
import { readPointsFile } from '../../src/shared/formats/pointsFile'
import { readRiskFile } from '../../src/shared/formats/riskFile'
import type { CurvePoint, IpdRow, RiskRow } from '../../src/shared/reconstruct/types'

/** `../shared` beside the repository (DESIGN.md section 5): the cases and trials with known answers. */
export const SHARED = resolve(import.meta.dirname, '../../../shared')

export interface CaseArm {
  name: string
  dense: CurvePoint[]
  sparse: CurvePoint[]
  risk: RiskRow[]
  truth: IpdRow[]
}

export interface BenchCase {
  name: string
  /** The reference arm of the true hazard ratio, and the ratio itself (from R's coxph). */
  hrRef: string
  hr: number
  arms: CaseArm[]
}

const read = (path: string) => readFileSync(path, 'utf8')

export function loadCases(): BenchCase[] {
  const dir = join(SHARED, 'cases')
  return readdirSync(dir)
    .filter((c) => !c.startsWith('.'))
    .sort()
    .map((name) => {
      const truth = JSON.parse(read(join(dir, name, 'truth.json')))
      const ipd = readIpdFile(read(join(dir, name, 'truth_ipd.csv')), 'truth_ipd.csv')
      const arms = Object.entries(truth.arms as Record<string, { dir: string }>).map(
        ([armName, meta]) => {
          const base = join(dir, name, 'arms', meta.dir)
          return {
            name: armName,
            dense: readPointsFile(read(join(base, 'points.csv')), 'points.csv').points,
            sparse: readPointsFile(read(join(base, 'points_sparse.csv')), 'points_sparse.csv')
              .points,
            risk: readRiskFile(read(join(base, 'risk.csv')), 'risk.csv').rows,
            truth: ipd
              .filter((r) => r.arm === armName)
              .map((r) => ({ time: r.time, event: r.event })),
          }
        },
      )
      return { name, hrRef: truth.hr.ref, hr: truth.hr.hr, arms }
    })
}

export interface Trial {
  name: string
  /** Published hazard ratio of the second arm against the first, with its 95% CI. */
  published: { hr: number; lower: number; upper: number } | null
  arms: { name: string; points: CurvePoint[]; risk: RiskRow[] }[]
}

export function loadTrials(): Trial[] {
  const dir = join(SHARED, 'trials')
  const arm = (trial: string, name: string) => ({
    name,
    points: readPointsFile(read(join(dir, trial, `${name}_points.csv`)), `${name}_points.csv`)
      .points,
    risk: readRiskFile(read(join(dir, trial, `${name}_risk.csv`)), `${name}_risk.csv`).rows,
  })
  return [
    {
      name: 'bonner2006',
      published: { hr: 0.68, lower: 0.52, upper: 0.89 },
      arms: [arm('bonner2006', 'radiotherapy'), arm('bonner2006', 'radiotherapy_cetuximab')],
    },
    {
      name: 'keynote189',
      published: { hr: 0.49, lower: 0.38, upper: 0.64 },
      arms: [arm('keynote189', 'placebo'), arm('keynote189', 'pembrolizumab')],
    },
    { name: 'checkmate067', published: null, arms: [arm('checkmate067', 'nivolumab')] },
  ]
}
