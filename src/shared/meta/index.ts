/**
 * The pooling engine: inverse-variance meta-analysis matching metafor, subgroups, leave-one-out,
 * funnel data and Egger's test, survival-at-time effect sizes, pooled survival curves (pointwise
 * and Combescure et al. 2014), and conversions of published medians and hazard ratios.
 */
export * from './types'
export * from './screenStudies'
export * from './rma'
export * from './subgroups'
export * from './leaveOneOut'
export * from './eggerTest'
export * from './funnelData'
export * from './metaRegression'
export * from './tau2Estimators'
export * from './qProfile'
export * from './survivalScales'
export * from './survivalAtTime'
export * from './numberFollowed'
export * from './pooledSurvivalPointwise'
export * from './combescureMoments'
export * from './combescureRows'
export * from './combescureCurve'
export * from './curveMedian'
export * from './medianFromCi'
export * from './medianFromRange'
export * from './qeMedianVariance'
export * from './medianOfMedians'
export * from './hazardRatioFromCi'
