export * from './poolTypes'
export { defaultScale, effectsFromTable, type MethodEffect } from './effectsFromTable'
export { poolEffects } from './poolEffects'
export { pooledCurveFromTable, type PooledCurveResult } from './curveFromTable'
