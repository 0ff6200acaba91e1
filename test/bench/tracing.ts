import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { readImage } from '../../src/cli/image'
import { ReconstructError, reconstruct } from '../../src/shared/reconstruct'
import type { IpdRow, RiskRow } from '../../src/shared/reconstruct/types'
import { coxTwoGroup } from '../../src/shared/survival'
import {
  TraceError,
  axisMap,
  parseColor,
  findCurves,
  traceAllCurves,
  traceEachCurve,
  traceCurve,
  traceCurves,
  deltaE,
  rgbToLab,
} from '../../src/shared/trace'
import type { AxisMap, Calibration, Rgb, RgbaImage, TracedCurve } from '../../src/shared/trace'
import { type RenderedFigure, renderKmFigure } from '../generator/kmFigure'
import { overlayPng } from '../generator/overlay'
import { TAB10, randomFigureSpec } from '../generator/randomFigure'
import { BENCH_DEVELOPMENT_SEEDS, HELD_OUT, seeds } from '../generator/seeds'
import {
  FIGURE_STYLES,
  type FigureStyle,
  styleOfSeed,
  styledFigureSpec,
} from '../generator/styledFigure'
import { FOLLOWS, armsFollowed } from '../trace/helpers'
import { isFlagged, wholeness } from '../trace/wholeness'
import { SHARED, loadCases, loadTrials } from './cases'
import { integratedAbsoluteError } from './metrics'
import { timeIt } from './timing'

/** Held-out figures traced: the whole held-out range, the styles in turn. */
const HELD_OUT_FIGURES = 200
/** Worst arms drawn as pictures. */
const WORST = 4
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/bench')

/** IPDfromKM on the shared cases, every corner clicked: stored, not re-run (shared/README.md). */
const IPDFROMKM = {
  arms: 8,
  meanIae: 0.0039,
  source:
    'stored: IPDfromKM 0.1.10 run in R on these inputs before the project began (shared/README.md), simulated clicks at every corner; not re-run by the bench',
}

/**
 * Bonner et al. 2006 (NEJM), as published: its axis ticks read off the image (t = 0 and 70
 * months at x = 120.5 and 394.5, 0% and 100% at y = 224 and 36) and its two inks as an
 * eyedropper picks them.
 */
export const BONNER: Calibration = {
  x1: { px: 120.5, py: 224, value: 0 },
  x2: { px: 394.5, py: 224, value: 70 },
  y1: { px: 120.5, py: 224, value: 0 },
  y2: { px: 120.5, py: 36, value: 100 },
  yScale: 'percent',
}
export const BONNER_INKS = { radiotherapy: '#999999', radiotherapy_cetuximab: '#222222' }

/** One arm traced and reconstructed, with and without the censor marks the tracer read. */
interface ArmScore {
  label: string
  /** The arm got a curve: the tracer accepted its true colour, or a suggested curve matched it. */
  found: boolean
  /** IAE of the reconstruction without / with the traced marks; null if it was refused. */
  plain: number | null
  marks: number | null
  curve: TracedCurve | null
  image: RgbaImage
  /** Censor marks drawn, traced, and matched (within 2 px in time) each way. */
  drawn: number
  traced: number
  drawnFound: number
  tracedTrue: number
  /** Of the marks drawn, those some pixel shows (kmFigure's `hiddenCensorTimes` left out), and those found. */
  visible: number
  visibleFound: number
  /** Traced whole against the truth (test/trace/wholeness.ts); null where there is no truth to test. */
  whole: boolean | null
  /** The trace says it is not whole: a status other than `whole`, or a warning. */
  flagged: boolean
  /**
   * Suggested colours: the figure's offer carries a note of ink drawn like a line that no curve
   * offered follows or could be traced in (`candidate-not-traced`), which points a reader at an
   * arm not offered. Always false for true colours.
   */
  noted: boolean
}

function reconstructTrace(curve: TracedCurve, risk: RiskRow[], marks: boolean): IpdRow[] | null {
  try {
    return reconstruct({
      points: curve.points.map((p) => ({ time: p.time, surv: p.surv })),
      risk,
      censorTimes: marks ? curve.censorMarks.map((m) => m.time) : undefined,
    }).ipd
  } catch (e) {
    // A trace the reconstruction refuses (it falls below what the risk table allows) is counted.
    if (e instanceof ReconstructError) return null
    throw e
  }
}

function scoreArm(
  label: string,
  curve: TracedCurve | null,
  risk: RiskRow[],
  truth: IpdRow[],
  image: RgbaImage,
  drawnMarks: { all: number[]; hidden: number[] } | null,
  pxPerTime: number,
  axes: { map: AxisMap; span: number } | null = null,
): ArmScore {
  const iae = (ipd: IpdRow[] | null) => (ipd ? integratedAbsoluteError(ipd, truth) : null)
  const tol = 2 / pxPerTime
  const traced = curve?.censorMarks.map((m) => m.time) ?? []
  const drawn = drawnMarks?.all ?? []
  const visible = drawn.filter((t) => !drawnMarks?.hidden.includes(t))
  const found = (t: number) => traced.some((m) => Math.abs(m - t) <= tol)
  return {
    label,
    found: curve !== null,
    plain: curve ? iae(reconstructTrace(curve, risk, false)) : null,
    marks: curve ? iae(reconstructTrace(curve, risk, true)) : null,
    curve,
    image,
    drawn: drawn.length,
    traced: traced.length,
    drawnFound: drawn.filter(found).length,
    tracedTrue: traced.filter((m) => drawn.some((t) => Math.abs(m - t) <= tol)).length,
    visible: visible.length,
    visibleFound: visible.filter(found).length,
    whole: curve && axes ? wholeness(curve, truth, axes.map, axes.span).whole : null,
    flagged: curve ? isFlagged(curve) : false,
    noted: false,
  }
}

/**
 * The curves `findCurves` suggests (what the app's Suggest curves and `kmpool trace --color
 * auto` offer), each given to the arm it follows — as a person reads the overlay, not the swatch
 * (a suggested colour may be a line's JPEG halo or the black of its marks, yet trace the line) —
 * closest pairs first, each curve to one arm; an arm followed by no curve within FOLLOWS (mean
 * gap to its true KM) is not found.
 */
function suggestedCurves(fig: RenderedFigure): { curves: (TracedCurve | null)[]; noted: boolean } {
  let offered: TracedCurve[]
  let noted: boolean
  try {
    const found = findCurves(fig.image, fig.calibration)
    offered = found.curves
    noted = found.warnings.some((w) => w.code === 'candidate-not-traced')
  } catch (e) {
    // No curve found at all is said (the error names what it saw).
    if (e instanceof TraceError) [offered, noted] = [[], true]
    else throw e
  }
  const armOf = armsFollowed(offered, fig.arms)
  return { curves: fig.arms.map((_, i) => (armOf.has(i) ? offered[armOf.get(i)!] : null)), noted }
}

/**
 * The arms traced by their true colours, together (each checked against the others, as
 * `kmpool trace` checks them); an arm the tracer refuses counts as not found, and the rest are
 * still scored.
 */
function trueColourCurves(
  fig: RenderedFigure,
  calibration: Calibration = fig.calibration,
): (TracedCurve | null)[] {
  const colors = fig.arms.map((a) => parseColor(a.color))
  return traceEachCurve(fig.image, calibration, colors).map((r) =>
    r instanceof TraceError ? null : r,
  )
}

/**
 * IAE per arm (null: not found or refused) of the reconstruction from the arms traced by their
 * true colours with `calibration` and the true risk table, censor marks not used: the axes
 * bench compares the calibration read from the image with the true one this way.
 */
export function armIaes(fig: RenderedFigure, calibration: Calibration): (number | null)[] {
  const curves = trueColourCurves(fig, calibration)
  return fig.arms.map((arm, i) => {
    const curve = curves[i]
    const ipd = curve ? reconstructTrace(curve, arm.risk, false) : null
    return ipd ? integratedAbsoluteError(ipd, arm.ipd) : null
  })
}

type Colours = 'true' | 'suggested'

function scoreFigure(fig: RenderedFigure, label: string, colours: Colours): ArmScore[] {
  const { curves, noted } =
    colours === 'true' ? { curves: trueColourCurves(fig), noted: false } : suggestedCurves(fig)
  const map = axisMap(fig.calibration)
  const pxPerTime = map.pxPerTime
  const span = Math.abs(fig.calibration.x2.value - fig.calibration.x1.value)
  return fig.arms.map((arm, i) => ({
    ...scoreArm(
      `${label}/${arm.name}${colours === 'suggested' ? ' (suggested)' : ''}`,
      curves[i],
      arm.risk,
      arm.ipd,
      fig.image,
      { all: arm.censorTimes, hidden: arm.hiddenCensorTimes },
      pxPerTime,
      { map, span },
    ),
    noted,
  }))
}

const f4 = (x: number) => x.toFixed(4)
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/** "without / with" marks, for one statistic of the reconstructed arms. */
function pair(results: ArmScore[], stat: (xs: number[]) => string): string {
  const plain = results.map((r) => r.plain).filter((x): x is number => x !== null)
  const marks = results.map((r) => r.marks).filter((x): x is number => x !== null)
  return plain.length ? `${stat(plain)} / ${stat(marks)}` : '—'
}

const ROW_HEADER = [
  '| figures | colours | arms | found | reconstructed | mean IAE (marks not used / used) | worst arm | arms above 0.010 |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
]

function row(name: string, colours: string, results: ArmScore[]): string {
  const found = results.filter((r) => r.found).length
  const rebuilt = results.filter((r) => r.plain !== null && r.marks !== null).length
  const worst = results
    .filter((r) => r.plain !== null)
    .reduce<ArmScore | null>((a, b) => (a === null || b.plain! > a.plain! ? b : a), null)
  const worstText = worst ? `${pair(results, (xs) => f4(Math.max(...xs)))} (${worst.label})` : '—'
  return `| ${name} | ${colours} | ${results.length} | ${found} | ${rebuilt} | ${pair(results, (xs) => f4(mean(xs)))} | ${worstText} | ${pair(results, (xs) => String(xs.filter((x) => x > 0.01).length))} |`
}

function marksRow(name: string, results: ArmScore[]): string {
  const s = (f: (r: ArmScore) => number) => results.reduce((a, r) => a + f(r), 0)
  const drawn = s((r) => r.drawn)
  const traced = s((r) => r.traced)
  const pct = (a: number, b: number) => (b > 0 ? `${Math.round((100 * a) / b)}%` : '—')
  const better = results.filter((r) => r.plain !== null && r.marks! < r.plain - 0.0005).length
  const worse = results.filter((r) => r.plain !== null && r.marks! > r.plain + 0.0005).length
  return `| ${name} | ${drawn} | ${traced} | ${pct(
    s((r) => r.drawnFound),
    drawn,
  )} | ${pct(
    s((r) => r.tracedTrue),
    traced,
  )} | ${pct(
    s((r) => r.visibleFound),
    s((r) => r.visible),
  )} | ${better} | ${worse} |`
}

/** Issue 10's targets, printed beside the corpus table. */
const TARGETS = {
  found: 1,
  whole: 0.98,
  silent: 0,
  meanIae: 0.002,
  recall: 0.9,
  precision: 0.95,
  ms: 200,
}

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '—')

/**
 * One row of the corpus table (true colours): arms found, traced whole, flagged (not whole, and
 * the trace says so), silent failures (not whole, and the trace says nothing), whole arms flagged
 * all the same, mean IAE after reconstruction, censor-mark recall and precision.
 */
function corpusRow(name: string, figures: number, results: ArmScore[]): string {
  const found = results.filter((r) => r.found)
  const whole = found.filter((r) => r.whole === true).length
  const notWhole = found.filter((r) => r.whole === false)
  const flagged = notWhole.filter((r) => r.flagged).length
  const silent = notWhole.length - flagged
  const falseAlarms = found.filter((r) => r.whole === true && r.flagged).length
  const iae = results.map((r) => r.plain).filter((x): x is number => x !== null)
  const s = (f: (r: ArmScore) => number) => results.reduce((a, r) => a + f(r), 0)
  return `| ${name} | ${figures} | ${results.length} | ${pct(found.length, results.length)} | ${pct(whole, found.length)} | ${flagged} | ${silent} | ${falseAlarms} | ${iae.length ? f4(mean(iae)) : '—'} | ${pct(
    s((r) => r.drawnFound),
    s((r) => r.drawn),
  )} | ${pct(
    s((r) => r.tracedTrue),
    s((r) => r.traced),
  )} |`
}

/**
 * Time to trace every arm of a figure of the style drawn at 1400×1000 (held-out seed `seed`):
 * with its true colours (traceCurves), and from no colours (traceAllCurves, what `--color auto`
 * and Suggest curves run).
 */
function figureTimes(style: FigureStyle, seed: number): { given: number; auto: number } {
  const fig = renderKmFigure({ ...styledFigureSpec(seed, style), width: 1400, height: 1000 })
  const colors = fig.arms.map((a) => parseColor(a.color))
  return {
    given: timeIt(() => traceCurves(fig.image, fig.calibration, colors)),
    auto: timeIt(() => {
      try {
        traceAllCurves(fig.image, fig.calibration)
      } catch (e) {
        if (!(e instanceof TraceError)) throw e
      }
    }),
  }
}

/** Colours a reader may give that a figure may not hold: tab10's, black and grey. */
const WRONG_COLOURS = [...TAB10, '#bcbd22', '#000000', '#808080'].map(parseColor)
/** Colours this far (ΔE*76) from every arm's are no arm's. */
const WRONG_APART = 30
/** Wrong colours traced per figure: the first ones of WRONG_COLOURS far from every arm. */
const WRONG_PER_FIGURE = 3

type WrongOutcome = 'refused' | 'warned' | 'warned alone' | 'flagged' | 'silent'

/**
 * A figure traced with colours no arm of it has (WRONG_COLOURS, in turn): refused (the tracer
 * finds no curve of the colour), warned that its ink is of another colour (`ink-other-colour`;
 * `warned alone` when nothing else would have flagged it), flagged otherwise (a status or another
 * warning), or silent (a whole trace with nothing said: a curve that is not there passes as one).
 */
function wrongColourOutcomes(fig: RenderedFigure): WrongOutcome[] {
  const arms = fig.arms.map((a) => rgbToLab(...parseColor(a.color)))
  const absent = WRONG_COLOURS.filter((c) =>
    arms.every((a) => deltaE(rgbToLab(...c), a) > WRONG_APART),
  ).slice(0, WRONG_PER_FIGURE)
  return absent.map((c) => {
    try {
      const curve = traceCurve(fig.image, fig.calibration, c)
      const rest = curve.warnings.filter((w) => w.code !== 'ink-other-colour')
      const flagged = isFlagged({ ...curve, warnings: rest })
      if (rest.length < curve.warnings.length) return flagged ? 'warned' : 'warned alone'
      return flagged ? 'flagged' : 'silent'
    } catch (e) {
      if (e instanceof TraceError) return 'refused'
      throw e
    }
  })
}

export function benchTracing(print: (s: string) => void): void {
  print('## Tracing figures, then reconstructing (trace + risk table, no clicks)')
  print('')
  const started = { wall: performance.now(), cpu: process.cpuUsage() }
  print(
    'IAE of the reconstruction from the traced curve and the true risk table, against the true IPD, with the true calibration. Each IAE cell reads "censor marks not used / used". "Found": the arm got a curve (true colours: the tracer accepted its colour; suggested colours: one of the curves Suggest curves offers follows it, mean gap to its true KM at most ' +
      FOLLOWS +
      ', each curve given to one arm). "Reconstructed": the reconstruction accepted the trace (it refuses one that falls where the risk table still has patients). IAE statistics are over the reconstructed arms.',
  )
  print('')

  const caseResults: ArmScore[] = []
  const caseTimes: { name: string; size: string; ms: number }[] = []
  for (const c of loadCases()) {
    const dir = join(SHARED, 'cases', c.name)
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'))
    const image = readImage(join(dir, 'figure.png'))
    const colors = c.arms.map((a) => parseColor(truth.curveColors[a.name]))
    const curves = traceCurves(image, truth.calibration, colors)
    caseTimes.push({
      name: c.name,
      size: `${image.width}×${image.height}`,
      ms: timeIt(() => traceCurves(image, truth.calibration, colors)) / colors.length,
    })
    const pxPerTime = axisMap(truth.calibration).pxPerTime
    c.arms.forEach((arm, i) =>
      caseResults.push(
        scoreArm(`${c.name}/${arm.name}`, curves[i], arm.risk, arm.truth, image, null, pxPerTime),
      ),
    )
  }

  const devTrue: ArmScore[] = []
  const devSuggested: ArmScore[] = []
  for (const seed of BENCH_DEVELOPMENT_SEEDS) {
    const fig = renderKmFigure(randomFigureSpec(seed))
    devTrue.push(...scoreFigure(fig, `seed ${seed}`, 'true'))
    devSuggested.push(...scoreFigure(fig, `seed ${seed}`, 'suggested'))
  }
  const devRange = `${BENCH_DEVELOPMENT_SEEDS[0]}–${BENCH_DEVELOPMENT_SEEDS[BENCH_DEVELOPMENT_SEEDS.length - 1]}`

  print('### Development figures (in-sample: the tracer was developed and tuned on these)')
  print('')
  print(ROW_HEADER[0])
  print(ROW_HEADER[1])
  print(
    `| shared/cases, every corner clicked (simulated clicks), IPDfromKM — ${IPDFROMKM.source} | — | ${IPDFROMKM.arms} | — | — | ${IPDFROMKM.meanIae} | — | — |`,
  )
  print(row('shared/cases (R-rendered)', 'true', caseResults))
  print(row(`generated, seeds ${devRange} (random styles)`, 'true', devTrue))
  print(row(`generated, seeds ${devRange} (random styles)`, 'suggested', devSuggested))
  print('')

  const heldSeeds = seeds(HELD_OUT).slice(0, HELD_OUT_FIGURES)
  const held = new Map<
    FigureStyle,
    { figures: number; true: ArmScore[]; suggested: ArmScore[]; wrong: WrongOutcome[] }
  >(FIGURE_STYLES.map((s) => [s, { figures: 0, true: [], suggested: [], wrong: [] }]))
  for (const seed of heldSeeds) {
    const style = styleOfSeed(seed)
    const fig = renderKmFigure(styledFigureSpec(seed, style))
    const h = held.get(style)!
    h.figures++
    h.true.push(...scoreFigure(fig, `held-out ${style} ${seed}`, 'true'))
    h.suggested.push(...scoreFigure(fig, `held-out ${style} ${seed}`, 'suggested'))
    h.wrong.push(...wrongColourOutcomes(fig))
  }
  const all = (k: Colours) => [...held.values()].flatMap((h) => h[k])

  print(
    `### Held-out figures (seeds ${heldSeeds[0]}–${heldSeeds[heldSeeds.length - 1]}, used only by this bench, never by a test or while tuning)`,
  )
  print('')
  print(
    'Styles in turn (test/generator/styledFigure.ts): random (the development styles, new seeds); survminer (ggplot2 grey panel, white grid, ggplot2 hues, translucent bands, dense "+" marks); NEJM (thin coloured lines, black "+" marks, JPEG); JCO (short upward ticks, JPEG); Lancet and JAMA (dark colours, grey, dashes, JPEG). 2–3 arms except in the random style (1–3); half the journal figures drawn large and scaled down.',
  )
  print('')
  print(ROW_HEADER[0])
  print(ROW_HEADER[1])
  for (const colours of ['true', 'suggested'] as const) {
    for (const [style, h] of held) print(row(`${style} (${h.figures})`, colours, h[colours]))
    print(row(`**all ${heldSeeds.length} held-out figures**`, colours, all(colours)))
  }
  print(
    '| all held-out figures, calibration read from the image | — | — | — | — | in the section "Axes read from the figure" below: the arms traced with the calibration read from the image, beside the same with the true one | — | — |',
  )
  print('')

  print("### The held-out corpus against issue 10's targets (true colours)")
  print('')
  print(
    '"Traced whole" (test/trace/wholeness.ts): at least 95% of the trace\'s columns within 2 px of the drawn line, the 95th percentile of its vertical gap to the line at most 0.01, and its end within 2% of the time axis of the arm\'s last ink. "Flagged": not whole, and the trace says so (a status other than whole, or a warning about its path; `marks-shared`, about censor marks alone, does not count). "Silent": not whole, and the trace says nothing — the failures that must not happen. "Whole, flagged": false alarms. IAE after reconstruction (marks not used); censor marks matched within 2 px in time.',
  )
  print('')
  // The corpus table's header and its rows by style, then all held-out figures, for one colouring.
  const corpusTable = (colours: Colours) => {
    print(
      '| figures | count | arms | found | traced whole | flagged | silent | whole, flagged | mean IAE | mark recall | mark precision |',
    )
    print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    for (const [style, h] of held) print(corpusRow(style, h.figures, h[colours]))
    print(corpusRow(`**all held-out**`, heldSeeds.length, all(colours)))
  }
  corpusTable('true')
  print(
    `| **target** | ≥ 200 | — | ${TARGETS.found * 100}% | ≥ ${TARGETS.whole * 100}% | — | ${TARGETS.silent} | — | ≤ ${TARGETS.meanIae} | ≥ ${TARGETS.recall * 100}% | ≥ ${TARGETS.precision * 100}% |`,
  )
  print('')
  print(
    "The same with the curves Suggest curves offers (no colours given: what `--color auto` and the app's Suggest curves trace), each scored as the arm it follows; an arm no curve offered follows is not found (the table below says which of those a note points at):",
  )
  print('')
  corpusTable('suggested')
  print('')
  print(
    'Arms Suggest curves (no colours given) does not offer, and how many of them are on a figure whose offer carries a note of ink drawn like a line that no curve offered follows or could be traced in (`candidate-not-traced`), which points the reader at them; the rest are lost without a word:',
  )
  print('')
  print(
    '| figures | arms | not offered | of them, on a figure with such a note | lost without a word |',
  )
  print('| --- | --- | --- | --- | --- |')
  for (const [style, h] of [
    ...held,
    ['**all held-out**', { suggested: all('suggested') }] as const,
  ]) {
    const lost = h.suggested.filter((r) => !r.found)
    const noted = lost.filter((r) => r.noted).length
    print(
      `| ${style} | ${h.suggested.length} | ${lost.length} | ${noted} | ${lost.length - noted} |`,
    )
  }
  print('')
  print(
    `A colour no arm of the figure has (tab10's, black and grey, the first ${WRONG_PER_FIGURE} more than ΔE ${WRONG_APART} from every arm's), traced as a curve: refused (no curve of it found), warned that the ink it follows is of another colour (\`ink-other-colour\`), flagged otherwise, or traced whole with nothing said (a curve that is not there passes as one):`,
  )
  print('')
  print(
    '| figures | colours traced | refused | warned: ink of another colour | of them, by that warning alone | flagged otherwise | silent |',
  )
  print('| --- | --- | --- | --- | --- | --- | --- |')
  for (const [style, h] of [
    ...held,
    ['**all held-out**', { wrong: [...held.values()].flatMap((x) => x.wrong) }] as const,
  ]) {
    const n = (o: WrongOutcome) => h.wrong.filter((x) => x === o).length
    print(
      `| ${style} | ${h.wrong.length} | ${n('refused')} | ${n('warned') + n('warned alone')} | ${n('warned alone')} | ${n('flagged')} | ${n('silent')} |`,
    )
  }
  print('')
  print(
    `Time to trace all the arms of one figure drawn at 1400×1000 (the style's first held-out seed; warm mean) — target ≤ ${TARGETS.ms} ms:`,
  )
  print('')
  print('| style | arms | true colours, ms | no colours (auto), ms |')
  print('| --- | --- | --- | --- |')
  for (const style of FIGURE_STYLES) {
    const seed = heldSeeds.find((x) => styleOfSeed(x) === style)!
    const t = figureTimes(style, seed)
    print(
      `| ${style} | ${styledFigureSpec(seed, style).arms.length} | ${t.given.toFixed(0)} | ${t.auto.toFixed(0)} |`,
    )
  }
  print('')

  print('### Censor marks: read, and whether using them helps')
  print('')
  print(
    "Marks drawn and traced (true colours), recall and precision within 2 px in time, and the arms whose reconstruction IAE gets better or worse by more than 0.0005 when the traced marks are given to it. The reconstruction uses an interval's marks only when they are more than half of the censorings the risk table implies there (no more than half means most were missed; src/shared/reconstruct/usableMarks.ts), and says where it did not. Some marks no pixel shows: an upward tick in the curve's colour at a death time, inside a drop taller than itself (JCO); the last recall column leaves those out, the target is on the first.",
  )
  print('')
  print(
    '| figures | marks drawn | marks traced | recall | precision | recall of the marks the pixels show | arms better with marks | arms worse with marks |',
  )
  print('| --- | --- | --- | --- | --- | --- | --- | --- |')
  print(marksRow('development, generated', devTrue))
  for (const [style, h] of held) print(marksRow(`held-out ${style}`, h.true))
  print(marksRow('**all held-out**', all('true')))
  print('')

  const cpu = process.cpuUsage(started.cpu)
  print(
    `Time for the tables above: ${((performance.now() - started.wall) / 1000).toFixed(0)} s (${((cpu.user + cpu.system) / 1e6).toFixed(0)} s of CPU), ${heldSeeds.length + BENCH_DEVELOPMENT_SEEDS.length} figures drawn, each traced with the true and the suggested colours and reconstructed with and without marks.`,
  )
  print('')
  print('Worst arms (figure with the trace drawn over it, magenta; censor marks circled):')
  print('')
  mkdirSync(ARTIFACTS, { recursive: true })
  const worst = [...caseResults, ...devTrue, ...all('true')]
    .filter((r) => r.curve !== null)
    .sort((a, b) => (b.plain ?? Infinity) - (a.plain ?? Infinity))
    .slice(0, WORST)
  for (const r of worst) {
    const file = join(ARTIFACTS, `trace-${r.label.replace(/[^A-Za-z0-9]+/g, '-')}.png`)
    const full = { x0: 0, y0: 0, x1: r.image.width, y1: r.image.height }
    const zoom = r.image.width > 1600 ? 0.5 : 1
    writeFileSync(
      file,
      overlayPng(
        r.image,
        full,
        [{ points: r.curve!.points, marks: r.curve!.censorMarks, stroke: 'rgba(255,0,255,0.9)' }],
        zoom,
      ),
    )
    print(
      `- ${r.label}: IAE ${r.plain === null ? 'reconstruction refused' : f4(r.plain)} — ${file}`,
    )
  }
  print('')

  print('## Bonner 2006 (published figure, 437×348, grey): hazard ratio from traced curves')
  print('')
  const trial = loadTrials().find((t) => t.name === 'bonner2006')!
  const bonner = readImage(join(SHARED, 'trials', 'bonner2006', 'figure.png'))
  const inks = trial.arms.map((a) => parseColor(BONNER_INKS[a.name as keyof typeof BONNER_INKS]))
  const traced = traceCurves(bonner, BONNER, inks)
  print(
    '| input | censor marks | events per arm | HR (95% CI) | published HR (95% CI) | inside the published CI |',
  )
  print('| --- | --- | --- | --- | --- | --- |')
  for (const marks of [false, true]) {
    const t: number[] = []
    const e: number[] = []
    const g: string[] = []
    const events: number[] = []
    trial.arms.forEach((arm, i) => {
      const ipd = reconstructTrace(traced[i], arm.risk, marks) ?? []
      events.push(ipd.filter((r) => r.event === 1).length)
      for (const r of ipd) {
        t.push(r.time)
        e.push(r.event)
        g.push(arm.name)
      }
    })
    const cox = coxTwoGroup(t, e, g, { ref: trial.arms[0].name })
    const p = trial.published!
    const inside = cox.hr !== null && cox.hr >= p.lower && cox.hr <= p.upper
    print(
      `| traced (${Object.values(BONNER_INKS).join(', ')}) | ${marks ? 'used' : 'not used'} | ${events.join(' / ')} | ${cox.hr?.toFixed(3)} (${cox.lower?.toFixed(3)}–${cox.upper?.toFixed(3)}) | ${p.hr} (${p.lower}–${p.upper}) | ${inside ? 'yes' : 'no'} |`,
    )
  }
  print('')

  print('## Tracing speed (one curve, mean of repeated runs)')
  print('')
  print('| figure | size | ms per curve |')
  print('| --- | --- | --- |')
  for (const c of caseTimes) print(`| ${c.name} | ${c.size} | ${c.ms.toFixed(1)} |`)
  const big = renderKmFigure({ ...randomFigureSpec(3), width: 4000, height: 3000, jpeg: null })
  const bigColors: Rgb[] = big.arms.map((a) => parseColor(a.color))
  const bigMs =
    timeIt(() => traceCurves(big.image, big.calibration, bigColors), 1000) / bigColors.length
  print(`| generated (seed 3, redrawn larger) | 4000×3000 | ${bigMs.toFixed(1)} |`)
  print('')
  print(
    `Targets (issue 5): mean IAE ≤ 0.003 on the cases and the generated figures, no arm above 0.010; Bonner HR inside 0.52–0.89; tracing a 1400×1000 figure under 100 ms, a 4000×3000 one under 1 s.`,
  )
}
