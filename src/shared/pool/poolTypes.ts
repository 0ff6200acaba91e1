import type { RangeMethod, StudyRecord, Tau2Method, ZeroSurvivalRule } from '../meta'

/** What is pooled: DESIGN.md section 3's outcomes, plus log hazard ratios. */
export type PoolOutcome = 'generic' | 'survival' | 'median' | 'hr'

/** Analysis scales as the command line names them. */
export type PoolScale = 'identity' | 'log' | 'cloglog' | 'logit' | 'arcsine'

export interface PoolSettings {
  outcome: PoolOutcome
  /** For survival: the time at which survival is pooled, in the data's time unit. */
  time?: number
  /** Default: cloglog for survival, log for medians and hazard ratios, identity for generic. */
  scale?: PoolScale
  method?: Tau2Method
  /** Hartung–Knapp–Sidik–Jonkman adjustment (metafor `test = "knha"`). */
  hksj?: boolean
  /** Column whose values define subgroups; none when absent. */
  by?: string
  /** Variance of a median from its range and/or quartiles: QE (default), Hozo, Wan or Luo. */
  rangeMethod?: RangeMethod
  /** S = 0 with nobody at risk: corrected with the patients followed (default) or excluded. */
  zeroSurvival?: ZeroSurvivalRule
}

/** One study's row of the pooled output (DESIGN.md section 3), with the method that made it. */
export interface PooledStudy extends StudyRecord {
  /** How the effect size and its variance were obtained (Peto, Greenwood, ci-log, range-hozo…). */
  method: string
}

export interface PooledValue {
  value: number
  lower: number
  upper: number
}

export interface PooledSubgroup {
  subgroup: string
  k: number
  estimate: number | null
  se: number | null
  ci_lower: number | null
  ci_upper: number | null
  tau2: number | null
  I2: number | null
  pooled: PooledValue | null
}

/** The JSON that `kmpool pool --json` prints (DESIGN.md section 3), plus notes. */
export interface PoolResult {
  outcome: PoolOutcome
  method: Tau2Method
  hksj: boolean
  scale: PoolScale
  time: number | null
  k: number
  estimate: number | null
  se: number | null
  ci_lower: number | null
  ci_upper: number | null
  pi_lower: number | null
  pi_upper: number | null
  tau2: number | null
  tau2_ci_lower: number | null
  tau2_ci_upper: number | null
  I2: number | null
  H2: number | null
  Q: number | null
  Q_df: number | null
  Q_p: number | null
  pooled: PooledValue | null
  studies: PooledStudy[]
  subgroups: PooledSubgroup[]
  Q_between: number | null
  Q_between_df: number | null
  Q_between_p: number | null
  notes: string[]
}
