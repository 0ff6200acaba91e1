import { openPdfPage } from '../../src/cli/pdf'
import { findVectorCurves } from '../../src/shared/pdf'
import { reconstruct } from '../../src/shared/reconstruct'
import type { IpdRow, RiskRow } from '../../src/shared/reconstruct/types'
import { formatColor, parseColor, traceCurves } from '../../src/shared/trace'
import type { CensorMark, RgbaImage, TracedPoint } from '../../src/shared/trace'
import { CASES, type FixtureArm, loadFixture } from '../pdf/helpers'
import { integratedAbsoluteError } from './metrics'
import { timeIt } from './timing'

/** Render scales the pixel tracer is given: 144 and 288 pixels per inch. */
const SCALES = [2, 4]

interface Read {
  points: TracedPoint[]
  censorMarks: CensorMark[]
}

function iae(read: Read | undefined, risk: RiskRow[], truth: IpdRow[]): number | null {
  if (!read) return null
  const ipd = reconstruct({
    points: read.points.map((p) => ({ time: p.time, surv: p.surv })),
    risk,
    censorTimes: read.censorMarks.map((m) => m.time),
  }).ipd
  return integratedAbsoluteError(ipd, truth)
}

/** Largest distance between read corners and R's, in time units and survival, if they pair up. */
function cornerError(read: Read, arm: FixtureArm): string {
  if (read.points.length !== arm.corners.length) return `${read.points.length} corners`
  let dt = 0
  let ds = 0
  read.points.forEach((p, i) => {
    dt = Math.max(dt, Math.abs(p.time - arm.corners[i].time))
    ds = Math.max(ds, Math.abs(p.surv - arm.corners[i].surv))
  })
  return `${dt.toExponential(1)} / ${ds.toExponential(1)}`
}

const f4 = (x: number | null) => (x === null ? '—' : x.toFixed(4))
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

/**
 * `npm run bench`, PDF figures: the four R-made fixtures of test/fixtures/pdf read from their
 * vector paths and, for comparison, rendered with PDF.js and traced as pixels, then reconstructed
 * with the risk table and censor marks; IAE against the true IPD, and the time each step takes.
 */
export function benchPdf(print: (s: string) => void): void {
  print('## PDF figures: vector paths vs rendered pixels (R pdf device, test/fixtures/pdf)')
  print('')
  print(
    `| figure / arm | corners, vector: max error time / surv | IAE, R's exact corners | IAE vector | ${SCALES.map((s) => `IAE pixels ×${s}`).join(' | ')} |`,
  )
  print(`| --- | --- | --- | --- | ${SCALES.map(() => '---').join(' | ')} |`)
  const vectorIae: number[] = []
  const pixelIae: number[][] = SCALES.map(() => [])
  const times: string[] = []
  let firstOpenMs: number | null = null
  for (const name of CASES) {
    const f = loadFixture(name)
    const start = performance.now()
    const page = openPdfPage(f.pdf, { scale: f.scale })
    firstOpenMs ??= performance.now() - start
    const vector = findVectorCurves(page.paths, f.calibration, { bounds: page.geometry })
    const vectorFor = (arm: FixtureArm) =>
      vector.find(
        (c) => formatColor(c.color) === arm.color && c.dash.length > 0 === (arm.lty !== 1),
      )
    const openMs = timeIt(() => openPdfPage(f.pdf, { scale: f.scale }).close())
    const findMs = timeIt(() =>
      findVectorCurves(page.paths, f.calibration, { bounds: page.geometry }),
    )
    page.close()
    const traced = SCALES.map((scale) => {
      const k = scale / f.scale
      const cal = {
        ...f.calibration,
        x1: { ...f.calibration.x1, px: f.calibration.x1.px * k, py: f.calibration.x1.py * k },
        x2: { ...f.calibration.x2, px: f.calibration.x2.px * k, py: f.calibration.x2.py * k },
        y1: { ...f.calibration.y1, px: f.calibration.y1.px * k, py: f.calibration.y1.py * k },
        y2: { ...f.calibration.y2, px: f.calibration.y2.px * k, py: f.calibration.y2.py * k },
      }
      const p = openPdfPage(f.pdf, { scale })
      let image: RgbaImage | null = null
      const renderMs = timeIt(() => (image = p.render().image))
      p.close()
      // One colour per distinct ink: the tracer cannot part veteran's two black curves.
      const inks = [...new Set(f.arms.map((a) => a.color))]
      const curves = traceCurves(image!, cal, inks.map(parseColor))
      const traceMs = timeIt(() => traceCurves(image!, cal, inks.map(parseColor)))
      times.push(
        `| ${name} | ×${scale} (${image!.width}×${image!.height}) | ${openMs.toFixed(0)} | ${findMs.toFixed(1)} | ${renderMs.toFixed(0)} | ${traceMs.toFixed(0)} |`,
      )
      return (arm: FixtureArm) =>
        f.arms.filter((a) => a.color === arm.color).length === 1
          ? curves[inks.indexOf(arm.color)]
          : undefined
    })
    for (const arm of f.arms) {
      const v = vectorFor(arm)
      const vi = iae(v, arm.risk, arm.ipd)
      if (vi !== null) vectorIae.push(vi)
      const pi = traced.map((t, s) => {
        const x = iae(t(arm), arm.risk, arm.ipd)
        if (x !== null) pixelIae[s].push(x)
        return f4(x)
      })
      const exact = iae(
        {
          points: arm.corners.map((c) => ({ ...c, x: 0, y: 0 })),
          censorMarks: arm.censor.map((time) => ({ time, surv: 0, x: 0, y: 0 })),
        },
        arm.risk,
        arm.ipd,
      )
      print(
        `| ${name} / ${arm.name} | ${v ? cornerError(v, arm) : 'not found'} | ${f4(exact)} | ${f4(vi)} | ${pi.join(' | ')} |`,
      )
    }
  }
  print(
    `| mean | | | ${f4(mean(vectorIae))} | ${pixelIae.map((xs) => `${f4(mean(xs))} (${xs.length} arms)`).join(' | ')} |`,
  )
  print('')
  print(
    'IAE after reconstruction with the risk table and the censor marks read. "R\'s exact corners": the same with the corners and censoring times R drew (the best any reading can do). Pixels: "—" where the arms share an ink (veteran: two black curves, solid and dashed), which the pixel tracer cannot part; vector paths tell them apart by their dash pattern.',
  )
  print('')
  print(
    `Times are means of repeated runs; the first PDF a process opens also starts PDF.js: here the first open took ${firstOpenMs?.toFixed(0)} ms.`,
  )
  print('')
  print('| figure | render | open + paths, ms | find curves, ms | render, ms | trace pixels, ms |')
  print('| --- | --- | --- | --- | --- | --- |')
  for (const t of times) print(t)
  print('')
}
