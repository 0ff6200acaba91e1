/**
 * What the app's review view and the exported files show of the one-stage section (issue 16):
 * its tables as computed and its two figures as SVG; the combined Kaplan–Meier fits stay in main.
 */
import { combinedCurvesPlot } from '../figures/combinedCurvesPlot'
import type { Figure } from '../figures/svg'
import type { ReviewResult } from './computeReview'
import type { OneStageCoxRow, RmstComparison, RmstRow } from './oneStage'

export interface OneStageView {
  tau: number
  tauDefault: number
  tauSet: boolean
  timeUnit: string
  cox: OneStageCoxRow[]
  rmst: RmstRow[]
  rmstComparisons: RmstComparison[]
  notes: string[]
  /** The combined-IPD curves by arm and by subgroup, by their file names (without extension). */
  figures: [string, Figure][]
}

/** The one-stage figures, named as `kmpool review` writes them. */
export function oneStageFigures(result: ReviewResult): [string, Figure][] {
  const one = result.oneStage
  if (!one) return []
  const timeUnit = result.settings.timeUnit
  const figures: [string, Figure][] = []
  if (one.curvesByArm.length) {
    const title = 'Combined IPD by arm'
    figures.push(['one_stage_curves_arm', combinedCurvesPlot(one.curvesByArm, { timeUnit, title })])
  }
  if (one.curvesBySubgroup.length) {
    const title = 'Combined IPD by subgroup'
    const figure = combinedCurvesPlot(one.curvesBySubgroup, { timeUnit, title })
    figures.push(['one_stage_curves_subgroup', figure])
  }
  return figures
}

export function oneStageView(result: ReviewResult): OneStageView | null {
  const one = result.oneStage
  if (!one) return null
  return {
    tau: one.tau,
    tauDefault: one.tauDefault,
    tauSet: one.tauSet,
    timeUnit: result.settings.timeUnit,
    cox: one.cox,
    rmst: one.rmst,
    rmstComparisons: one.rmstComparisons,
    notes: one.notes,
    figures: oneStageFigures(result),
  }
}
