/**
 * A review's computation (issue 6): every study prepared (reconstructed once, cached), survival
 * at chosen times, medians and hazard ratios pooled overall and by subgroup, tables, forest plot
 * data, pooled curves, exclusions with reasons, the methods text and the CSV exports.
 */
export * from './types'
export { computeReview, type ComputeOptions, type ReviewResult } from './computeReview'
export { prepareStudy, ReviewCache, timeFactor } from './prepareStudy'
export { hazardRatioValue, medianValue, survivalValues, type StudyValue } from './studyEffects'
export {
  analyseOutcome,
  poolScale,
  toNatural,
  type LeaveOneOutEntry,
  type OutcomeAnalysis,
  type OutcomeKind,
  type OutcomeSpec,
  type OutcomeStudy,
  type OutcomeSubgroup,
} from './analyseOutcome'
export * from './survivalTable'
export * from './estimateTable'
export * from './pooledCurves'
export * from './exclusions'
export * from './forestData'
export * from './methodsText'
export * from './numberText'
export * from './reviewCsv'
export * from './oneStage'
export * from './oneStageMethods'
export * from './oneStageCsv'
export * from './oneStageView'
