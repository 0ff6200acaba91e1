/**
 * What a review computation takes and the per-study facts it works from. The results (tables,
 * plots, exclusions, methods text) are typed beside the functions that build them.
 */
import type { ReviewSettings } from '../model/review'
import type { Study, StudyPublished } from '../model/study'
import type { KmFit, SurvivalQuantile } from '../survival'

/** One entry of a review as the app or the command line loaded it. */
export interface ReviewStudyInput {
  /** The path as the review lists it (relative to the review file). */
  path: string
  included: boolean
  /** The reviewer's reason for leaving the study out. */
  reason: string
  /** The study, or null when its file could not be used. */
  study: Study | null
  /** Why the file could not be used (missing, corrupt, newer format), on one line. */
  loadError: string | null
}

export interface ReviewInput {
  title: string
  settings: ReviewSettings
  studies: ReviewStudyInput[]
}

/** Where a study's numbers come from: its reconstructed curve, its published numbers, nothing. */
export type StudySource = 'reconstructed' | 'published' | 'none'

/** The state of a study as the review's study table shows it. */
export interface StudyStatus {
  figure: boolean
  calibrated: boolean
  curves: number
  /** Points digitized on the pooled curve. */
  points: number
  /** The pooled curve was reconstructed. */
  reconstructed: boolean
  /** Reconstruction warnings and failures, in words. */
  warnings: string[]
}

/** A reconstructed curve's patients, times in the review's unit. */
export interface ArmIpd {
  arm: string
  time: number[]
  event: (0 | 1)[]
}

/** The log hazard ratio of a two-arm study from its reconstructed IPD (Cox, Efron ties). */
export interface StudyCox {
  beta: number | null
  se: number | null
  /** The compared arm and the study's reference (control) arm, with their patients. */
  arm: string
  reference: string
  nArm: number
  nReference: number
}

/** Everything the review needs of one study, times converted to the review's unit. */
export interface PreparedStudy {
  /** Position in the review. */
  index: number
  path: string
  label: string
  /** The value of the review's subgroup variable; null when none (or no variable). */
  subgroup: string | null
  included: boolean
  /** Why the study contributes to nothing; null when it takes part. */
  excludedReason: string | null
  status: StudyStatus
  source: StudySource
  /** Kaplan–Meier fit of the pooled curve's reconstructed IPD. */
  fit: KmFit | null
  /** The fit's median with its Brookmeyer–Crowley CI (R's default log interval). */
  median: SurvivalQuantile | null
  pooledArm: string | null
  ipd: ArmIpd[]
  cox: StudyCox | null
  /** Why a study with several curves gives no hazard ratio from them; null otherwise. */
  coxNote: string | null
  /** Some of the study's times were converted from another unit into the review's. */
  converted: boolean
  /** The published numbers, times converted to the review's unit. */
  published: StudyPublished | null
  /** Number of patients: the reconstruction's, else the reported N, else a median's n. */
  n: number | null
}
