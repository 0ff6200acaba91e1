import { type ArmStyle, type CensorShape, type FigureSpec } from './kmFigure'
import { random, simulateIpd } from './simulateIpd'

/** matplotlib's tab10 colours, the first eight (the random style's coloured palette). */
export const TAB10 = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
]
const PRINT = [
  '#000000',
  '#e41a1c',
  '#377eb8',
  '#4daf4a',
  '#984ea3',
  '#0072b2',
  '#d55e00',
  '#009e73',
]
const GREYS = ['#000000', '#808080', '#b0b0b0']
const SHAPES: CensorShape[] = ['plus', 'tick', 'cross', 'circle', 'none']

/**
 * A figure spec drawn at random from the styles published KM figures come in: 1–3 arms in a
 * colour palette or in black and greys (then told apart by grey level and dashes), line widths of
 * 1–4 px, censor marks of each shape, confidence bands, gridlines, legends inside the plot, risk
 * tables, three fonts, widths from 500 to 3000 px and, for a quarter of them, JPEG compression.
 * The same seed gives the same figure.
 */
export function randomFigureSpec(seed: number): FigureSpec {
  const rand = random(((seed * 2654435761) % 2147483647) + 1)
  for (let i = 0; i < 3; i++) rand()
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const between = (a: number, b: number) => a + rand() * (b - a)
  const width = Math.round(between(500, 3000))
  const height = Math.round(width * between(0.62, 0.85))
  const tMax = pick([24, 36, 48, 60, 72])
  const tickStep = tMax / pick([4, 6])
  const grey = rand() < 0.25
  const nArms = grey ? pick([1, 2, 2]) : pick([1, 2, 2, 2, 3])
  const palette = grey ? GREYS : pick([TAB10, PRINT])
  const start = grey ? 0 : Math.floor(rand() * (palette.length - nArms))
  const baseWidth = Math.min(4, Math.max(1, Math.round(between(0.6, 1.6) * (width / 800))))
  const shape = pick(SHAPES)
  const band = !grey && rand() < 0.2
  const arms: ArmStyle[] = []
  for (let a = 0; a < nArms; a++) {
    const n = Math.round(between(20, 400))
    const ipd = simulateIpd(
      {
        n,
        median: tMax * between(0.2, 0.9),
        shape: between(0.7, 1.6),
        cured: rand() < 0.3 ? between(0.05, 0.3) : 0,
        followUp: tMax * between(0.8, 1),
        accrual: tMax * between(0.2, 0.6),
        dropout: rand() < 0.5 ? between(0.002, 0.02) : 0,
        resolution: pick([0.01, 1 / 30.44, 0.1]),
      },
      rand,
    )
    arms.push({
      name: `Arm ${String.fromCharCode(65 + a)}`,
      ipd,
      color: palette[start + a],
      lineWidth: Math.min(4, Math.max(1, baseWidth + (rand() < 0.2 ? 1 : 0))),
      dash: grey && a > 0 && rand() < 0.5 ? [6 * baseWidth, 3 * baseWidth] : [],
      censor: shape,
      markSize: Math.max(2, baseWidth * between(1.5, 3)),
      band,
    })
  }
  return {
    width,
    height,
    arms,
    tMax,
    tickStep,
    yScale: rand() < 0.3 ? 'percent' : 'proportion',
    grid: rand() < 0.35,
    gridColor: pick(['#e0e0e0', '#cccccc', '#ebebeb']),
    frame: rand() < 0.5 ? 'box' : 'axes',
    legend: pick(['top-right', 'top-right', 'bottom-left', 'none'] as const),
    riskTable: rand() < 0.7,
    font: pick(['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed'] as const),
    fontScale: between(0.011, 0.018),
    jpeg: rand() < 0.25 ? between(0.7, 0.95) : null,
    background: rand() < 0.1 ? '#f7f7f7' : '#ffffff',
    lineCap: pick(['butt', 'round', 'square'] as const),
  }
}
