import type { ArmStyle, FigureSpec } from './kmFigure'
import { random, simulateIpd } from './simulateIpd'

/**
 * A plain two-arm figure for tests (700×500, blue and red 2-px lines, no marks, PNG), with any
 * field overridden; `arm` overrides apply to every arm. Patients are simulated from `seed`.
 */
export function figureSpec(
  overrides: Partial<FigureSpec> = {},
  arm: Partial<ArmStyle> = {},
  seed = 1,
): FigureSpec {
  const rand = random(seed)
  const arms: ArmStyle[] = ['#1f77b4', '#d62728'].map((color, a) => ({
    name: `Arm ${a + 1}`,
    ipd: simulateIpd(
      {
        n: 80,
        median: a === 0 ? 30 : 15,
        shape: 1,
        cured: 0,
        followUp: 48,
        accrual: 24,
        dropout: 0.01,
        resolution: 0.01,
      },
      rand,
    ),
    color,
    lineWidth: 2,
    dash: [],
    censor: 'none',
    markSize: 5,
    band: false,
    ...arm,
  }))
  return {
    width: 700,
    height: 500,
    arms,
    tMax: 48,
    tickStep: 12,
    yScale: 'proportion',
    grid: false,
    gridColor: '#dddddd',
    frame: 'axes',
    legend: 'none',
    riskTable: false,
    font: 'DejaVu Sans',
    fontScale: 0.016,
    jpeg: null,
    background: '#ffffff',
    lineCap: 'butt',
    ...overrides,
  }
}
