/**
 * A review's figures as SVG text, in pure TypeScript (no DOM): forest plots, pooled survival
 * curves by subgroup, funnel plots with Egger's line. Sizes in points; DejaVu Sans.
 */
export type { Figure } from './svg'
export { forestPlot } from './forestPlot'
export { pooledCurvesPlot, type PooledCurvesPlotOptions } from './pooledCurvesPlot'
export { funnelPlot, type FunnelPlotInput } from './funnelPlot'
export { linearTicks, logTicks, tickLabel } from './axisTicks'
export { SUBGROUP_COLORS, subgroupColor } from './palette'
export { textWidth } from './textWidth'
export {
  combinedCurvesPlot,
  COMBINED_CURVES_NOTE,
  type CombinedCurvesPlotOptions,
} from './combinedCurvesPlot'
