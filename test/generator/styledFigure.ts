import type { IpdRow } from '../../src/shared/reconstruct/types'
import type { ArmStyle, CensorShape, FigureSpec, RiskTableStyle } from './kmFigure'
import { randomFigureSpec } from './randomFigure'
import { random, simulateIpd } from './simulateIpd'

/**
 * The house styles the generator draws. 'random' is randomFigureSpec (the styles the tracer was
 * developed on); the others imitate how published KM figures look:
 * - 'survminer': R's survminer/ggplot2 on the default grey theme — a #EBEBEB panel with white
 *   major and minor gridlines and no axis lines, ggplot2's default hues, same-hue translucent
 *   confidence bands, dense "+" censor marks in the curve's colour, 2–3 arms;
 * - 'nejm': white, thin coloured lines, black "+" censor marks on the coloured curves;
 * - 'jco': short upward ticks in the curve's colour, JCO's blue/yellow/grey/red;
 * - 'lancet', 'jama': dark colours, a grey arm, dashed lines.
 * The journal styles are JPEGs of quality 0.4–0.95, half of them drawn large and scaled down
 * (soft anti-aliased edges, sub-pixel lines).
 */
export type FigureStyle = 'random' | 'survminer' | 'nejm' | 'jco' | 'lancet' | 'jama'
export const FIGURE_STYLES: readonly FigureStyle[] = [
  'random',
  'survminer',
  'nejm',
  'jco',
  'lancet',
  'jama',
]

/** ggplot2's default discrete hues (scales::hue_pal()(n)) for 2, 3 and 4 groups. */
const GGPLOT_HUES: Record<number, string[]> = {
  2: ['#F8766D', '#00BFC4'],
  3: ['#F8766D', '#00BA38', '#619CFF'],
  4: ['#F8766D', '#7CAE00', '#00BFC4', '#C77CFF'],
}
/** Journal palettes as the ggsci package lists them (NEJM, JCO), and dark print colours. */
const NEJM = ['#BC3C29', '#0072B5', '#E18727', '#20854E']
const JCO = ['#0073C2', '#EFC000', '#868686', '#CD534C']
const LANCET = ['#00468B', '#AD002A', '#808080', '#1B1919']
const JAMA = ['#374E55', '#808080', '#DF8F44', '#000000']

/**
 * A figure spec in the given house style; the same seed and style give the same figure. The
 * patients are simulated as in randomFigureSpec (Weibull times, a cured fraction for some arms,
 * staggered entry and drop-out), with heavier drop-out in the styles that draw dense marks.
 */
export function styledFigureSpec(
  seed: number,
  style: FigureStyle,
  options: StyledOptions = {},
): FigureSpec {
  const spec = styledSpec(seed, style)
  if (!options.riskTable) return spec
  // After the draw, so that the figure is otherwise the seed's own.
  return { ...spec, riskTable: true, riskTableStyle: RISK_TABLE_STYLE[style] }
}

export interface StyledOptions {
  /**
   * Always draw a number-at-risk table, in the style's own layout ('random': R base's, coloured
   * names): for the risk-table reader's tests and bench. Off by default.
   */
  riskTable?: boolean
}

const RISK_TABLE_STYLE: Record<FigureStyle, RiskTableStyle | undefined> = {
  random: undefined,
  survminer: 'survminer',
  nejm: 'nejm',
  jco: 'jco',
  lancet: 'lancet',
  jama: 'jama',
}

function styledSpec(seed: number, style: FigureStyle): FigureSpec {
  if (style === 'random') return randomFigureSpec(seed)
  const rand = random(((seed * 2246822519 + FIGURE_STYLES.indexOf(style) * 7919) % 2147483647) + 7)
  for (let i = 0; i < 3; i++) rand()
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const between = (a: number, b: number) => a + rand() * (b - a)
  const width = Math.round(between(600, 1600))
  const height = Math.round(width * between(0.62, 0.8))
  const tMax = pick([24, 36, 48, 60])
  const nArms = rand() < 0.5 ? 2 : 3
  const scale = width / 800
  const ipd = (): IpdRow[] =>
    simulateIpd(
      {
        n: Math.round(between(60, 450)),
        median: tMax * between(0.25, 0.9),
        shape: between(0.7, 1.5),
        cured: rand() < 0.3 ? between(0.05, 0.3) : 0,
        followUp: tMax * between(0.85, 1),
        accrual: tMax * between(0.3, 0.6),
        dropout: style === 'survminer' ? between(0.005, 0.03) : between(0, 0.015),
        resolution: pick([1 / 30.44, 0.1]),
      },
      rand,
    )
  const journal = style !== 'survminer'
  const base: Omit<FigureSpec, 'arms'> = {
    width,
    height,
    tMax,
    tickStep: tMax / pick([4, 6]),
    yScale: journal && rand() < 0.5 ? 'percent' : 'proportion',
    grid: false,
    gridColor: '#ffffff',
    frame: 'axes',
    legend: pick(['top-right', 'bottom-left', 'none'] as const),
    riskTable: rand() < (journal ? 0.8 : 0.5),
    font: journal ? pick(['DejaVu Sans', 'DejaVu Serif'] as const) : 'DejaVu Sans',
    fontScale: between(0.013, 0.019),
    jpeg: journal ? between(0.4, 0.95) : rand() < 0.4 ? between(0.6, 0.95) : null,
    background: '#ffffff',
    lineCap: 'butt',
  }
  const arms: ArmStyle[] = []
  const clampWidth = (w: number) => Math.min(4, Math.max(0.5, Math.round(w * 4) / 4))
  if (style === 'survminer') {
    const hues = GGPLOT_HUES[nArms]
    const lineWidth = clampWidth(between(1.2, 2.4) * scale)
    const band = rand() < 0.6
    const markSize = Math.max(3, lineWidth * between(1.8, 2.6))
    for (let a = 0; a < nArms; a++) {
      arms.push({
        name: `Strata ${a + 1}`,
        ipd: ipd(),
        color: hues[a],
        lineWidth,
        dash: [],
        censor: 'plus',
        markSize,
        band,
        bandAlpha: between(0.2, 0.3),
      })
    }
    return {
      ...base,
      arms,
      grid: true,
      minorGrid: true,
      panel: '#EBEBEB',
      frame: 'none',
      axisColor: '#4D4D4D',
      legend: pick(['top-right', 'none'] as const),
    }
  }
  const palette = { nejm: NEJM, jco: JCO, lancet: LANCET, jama: JAMA }[style]
  const lineWidth = clampWidth(between(0.6, 1.6) * scale)
  const shape: CensorShape =
    style === 'nejm'
      ? 'plus'
      : style === 'jco'
        ? 'tickUp'
        : pick(['tick', 'tick', 'plus', 'none'] as const)
  const markSize = Math.max(2.5, lineWidth * between(2, 3.5))
  for (let a = 0; a < nArms; a++) {
    const dashed = (style === 'lancet' || style === 'jama') && a > 0 && rand() < 0.6
    arms.push({
      name: `Arm ${String.fromCharCode(65 + a)}`,
      ipd: ipd(),
      color: palette[a],
      lineWidth,
      dash: dashed ? [5 * Math.max(1, lineWidth), 3 * Math.max(1, lineWidth)] : [],
      censor: shape,
      markSize,
      band: false,
      ...(style === 'nejm' ? { markColor: '#000000' } : {}),
    })
  }
  return {
    ...base,
    arms,
    frame: rand() < 0.7 ? 'axes' : 'box',
    ...(rand() < 0.5 ? { supersample: 2 } : {}),
  }
}

/** The style of a held-out (or development) figure of this seed: the styles in turn. */
export function styleOfSeed(seed: number): FigureStyle {
  return FIGURE_STYLES[seed % FIGURE_STYLES.length]
}
