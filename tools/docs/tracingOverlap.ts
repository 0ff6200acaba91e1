/**
 * The README's tracing example (issue 10): a journal-style figure in which one arm is hidden
 * under the other for its first months, traced by `kmpool trace --color auto` and drawn as the
 * app's File → Export draws a study (exportPng.ts: the traced points, the flagged stretch, the
 * reconstructed curve and the legend). The figure comes from the test figure generator: the
 * Lancet house style of development seed 130 (test/generator/styledFigure.ts) with its risk table,
 * two arms, a JPEG of quality 0.7, in which arm B has arm A's patients for the first quarter of
 * the time axis (both curves are one line there, B's drawn over A's) and then dies sooner.
 * Deterministic: the same run writes the same files.
 *
 *   npx tsx tools/docs/tracingOverlap.ts
 *
 * writes docs/tracing-overlap/figure.jpg and figure.calibration.json (the input the README's
 * `kmpool trace` command reads) and docs/tracing-overlap.png (the picture). The README's quoted
 * output is rewritten by `KMPOOL_UPDATE_DOCS=1 npx vitest run test/docs/workedExamples.test.ts`;
 * test/docs/tracingOverlap.test.ts checks the committed figure is this script's.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Image, createCanvas } from '@napi-rs/canvas'
import { main } from '../../src/cli/main'
import { emptyStudy, studySchema, type Study } from '../../src/shared/model/study'
import {
  reconstructStudy,
  studyReconstructionInput,
  withoutIpd,
} from '../../src/shared/study/reconstructStudy'
import { deltaE, parseColor, rgbToLab } from '../../src/shared/trace'
import { drawExport, exportHeight } from '../../src/renderer/src/canvas/exportPng'
import { type StudyState, useStudy } from '../../src/renderer/src/store/store'
import { type FigureSpec, type RenderedFigure, renderKmFigure } from '../../test/generator/kmFigure'
import { styledFigureSpec } from '../../test/generator/styledFigure'
import { palettePng } from './palettePng'

const ROOT = resolve(import.meta.dirname, '../..')
export const FIGURE = join(ROOT, 'docs/tracing-overlap/figure.jpg')
export const CALIBRATION = join(ROOT, 'docs/tracing-overlap/figure.calibration.json')
export const PICTURE = join(ROOT, 'docs/tracing-overlap.png')
/** The picture's width (the figure is 1243 px wide; a README is shown about 900 px wide). */
const PICTURE_WIDTH = 1000
/** Colours in the picture's palette: enough for the anti-aliased lines, small as a PNG. */
const PICTURE_COLORS = 64

/** The share of the time axis over which the two arms are one curve. */
const SHARED = 0.25
/** After it, arm B's deaths come this much sooner (the time from the split is scaled by it). */
const SOONER = 0.55
const DAYS_PER_MONTH = 30.44

/** The figure: see the header. */
export function overlapFigureSpec(): FigureSpec {
  const spec = styledFigureSpec(130, 'lancet', { riskTable: true })
  const [a, b] = spec.arms
  const split = spec.tMax * SHARED
  const ipdB = a.ipd.map((r) =>
    r.time < split || r.event === 0
      ? r
      : {
          ...r,
          time: Math.round((split + (r.time - split) * SOONER) * DAYS_PER_MONTH) / DAYS_PER_MONTH,
        },
  )
  return { ...spec, jpeg: 0.7, supersample: 2, arms: [a, { ...b, ipd: ipdB }] }
}

/** The `kmpool trace` arguments the README shows, the paths relative to the repository. */
function traceArgs(): string[] {
  const rel = (p: string) => relative(ROOT, p)
  return ['trace', '--image', rel(FIGURE), '--calibration', rel(CALIBRATION), '--color', 'auto']
}

interface TracedJson {
  curves: {
    color: string
    status: 'whole' | 'inferred' | 'gaps'
    stretches: {
      kind: 'under' | 'gap'
      from: number
      to: number
      x0: number
      x1: number
      under_color?: string
    }[]
    points: { time: number; surv: number; x: number; y: number }[]
    censor: number[]
  }[]
}

/** Runs kmpool with the repository as working directory; its standard output. */
function kmpool(argv: string[]): string {
  const cwd = process.cwd()
  process.chdir(ROOT)
  try {
    let out = ''
    let err = ''
    const code = main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) })
    if (code !== 0) throw new Error(`kmpool ${argv.join(' ')} failed: ${err}`)
    return out
  } finally {
    process.chdir(cwd)
  }
}

/**
 * The study a reviewer has after tracing: each traced curve named for the drawn arm nearest its
 * colour, with that arm's printed number-at-risk table.
 */
function tracedStudy(fig: RenderedFigure, traced: TracedJson): Study {
  const armOf = (color: string) => {
    const lab = (c: string) => rgbToLab(...parseColor(c))
    const d = fig.arms.map((a) => deltaE(lab(color), lab(a.color)))
    return fig.arms[d.indexOf(Math.min(...d))]
  }
  return studySchema.parse({
    ...emptyStudy(),
    calibration: fig.calibration,
    curves: traced.curves.map((c, i) => {
      const arm = armOf(c.color)
      return {
        id: `curve-${i + 1}`,
        name: arm.name,
        color: c.color,
        points: c.points.map((p) => ({ px: p.x, py: p.y, time: p.time, surv: p.surv })),
        risk: arm.risk.map((r) => ({ time: r.time, nRisk: r.nRisk })),
        censorTimes: c.censor,
        trace: {
          status: c.status,
          stretches: c.stretches.map((s) => ({
            kind: s.kind,
            from: s.from,
            to: s.to,
            x0: s.x0,
            x1: s.x1,
            ...(s.under_color === undefined ? {} : { underColor: s.under_color }),
          })),
        },
      }
    }),
  })
}

/** The app's export of the traced study, scaled to the README's width, as a palette PNG. */
function picture(fig: RenderedFigure, study: Study): Buffer {
  const result = withoutIpd(reconstructStudy(studyReconstructionInput(study)))
  // The flagged curve is the one the reviewer has selected to check: drawn last, on top.
  const flagged = study.curves.find((c) => c.trace?.status !== 'whole')
  const state: StudyState = {
    ...useStudy.getState(),
    study,
    activeCurveId: flagged?.id ?? null,
    reconstruction: { status: 'done', result, of: study, error: null, revision: 1 },
  }
  const { width, height } = fig.image
  const full = createCanvas(width, exportHeight(fig.image, state))
  const figure = new Image()
  figure.src = fig.file
  // @napi-rs/canvas draws with the browser's 2-D API; its types are its own.
  drawExport(
    full.getContext('2d') as unknown as CanvasRenderingContext2D,
    figure as unknown as CanvasImageSource,
    { width, height },
    state,
  )
  const scale = PICTURE_WIDTH / width
  const small = createCanvas(PICTURE_WIDTH, Math.round(full.height * scale))
  const ctx = small.getContext('2d')
  ctx.imageSmoothingEnabled = true
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(full, 0, 0, small.width, small.height)
  const data = ctx.getImageData(0, 0, small.width, small.height).data
  return palettePng({ data, width: small.width, height: small.height }, PICTURE_COLORS)
}

/** Writes the figure, its calibration and the picture; the trace output the README quotes. */
export function writeTracingOverlap(): string {
  const fig = renderKmFigure(overlapFigureSpec())
  mkdirSync(join(ROOT, 'docs/tracing-overlap'), { recursive: true })
  writeFileSync(FIGURE, fig.file)
  writeFileSync(CALIBRATION, `${JSON.stringify(fig.calibration, null, 2)}\n`)
  const traced = JSON.parse(kmpool([...traceArgs(), '--json'])) as TracedJson
  writeFileSync(PICTURE, picture(fig, tracedStudy(fig, traced)))
  return kmpool(traceArgs())
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`$ kmpool ${traceArgs().join(' ')}\n${writeTracingOverlap()}`)
  process.stdout.write(
    `Written: ${[FIGURE, CALIBRATION, PICTURE].map((p) => relative(ROOT, p)).join(', ')}\n`,
  )
}
