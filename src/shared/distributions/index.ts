/**
 * Distribution functions shared by the survival statistics and the pooling engine: normal,
 * Student t and chi-square CDFs and quantiles, and the special functions under them (log Γ, the
 * regularized incomplete gamma and beta functions). Each agrees with R's d/p/q functions well
 * below the tolerances of the R golden comparisons (1e-8 for survival, 1e-6 for metafor).
 */
export { normalDensity, normalCdf, normalQuantile, criticalValue } from './normal'
export { logGamma, regularizedGamma } from './gamma'
export { regularizedBeta } from './beta'
export { tCdf, tQuantile } from './studentT'
export { chiSquareCdf, chiSquareQuantile } from './chiSquare'
