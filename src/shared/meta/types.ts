/**
 * Shared vocabulary of the pooling engine. Field names follow the `kmpool pool --json` contract
 * (DESIGN.md §3), hence snake_case for statistics.
 */

/** τ² estimators as metafor::rma.uni names them; FE is the fixed-effect (common-effect) model. */
export type Tau2Method = 'DL' | 'HE' | 'HS' | 'SJ' | 'ML' | 'REML' | 'EB' | 'PM' | 'FE'

export const TAU2_METHODS: readonly Tau2Method[] = [
  'DL',
  'HE',
  'HS',
  'SJ',
  'ML',
  'REML',
  'EB',
  'PM',
  'FE',
]

/** 'z' = Wald tests and intervals; 'knha' = Hartung–Knapp–Sidik–Jonkman (metafor test="knha"). */
export type MetaTest = 'z' | 'knha'

export interface MetaOptions {
  /** Default 'REML', metafor's default. */
  method?: Tau2Method
  /** Default 'z'. */
  test?: MetaTest
  /** Confidence level as a proportion, default 0.95 (metafor level = 95). */
  level?: number
}

/** One study's effect size on the analysis scale, as the caller supplies it. */
export interface StudyEffect {
  study: string
  yi: number | null | undefined
  /** Sampling variance; if absent, `sei` squared is used. */
  vi?: number | null
  sei?: number | null
  subgroup?: string | null
  /**
   * Set by an upstream conversion (survival at a time, a median, a hazard ratio) that could not
   * produce an effect size: the study is excluded with this reason.
   */
  excludedReason?: string | null
  /** Set by an upstream conversion that adjusted the data (a continuity correction, say). */
  note?: string | null
}

/**
 * What happened to one study. `reason` says why it was excluded, or, for a study kept after an
 * adjustment (a continuity correction, say), what was adjusted; null when nothing needs saying.
 * `weight` is the study's share of the total weight in percent (null when excluded).
 */
export interface StudyRecord {
  study: string
  subgroup: string | null
  yi: number | null
  vi: number | null
  weight: number | null
  excluded: boolean
  reason: string | null
}
