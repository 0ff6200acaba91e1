/**
 * Builds the example studies in examples/ from the shared trials: the figure embedded, calibrated,
 * each curve's shipped digitized points placed through the calibration (as clicking them in the
 * app would), the risk tables and the study record. Run: npx tsx tools/examples/buildExamples.ts
 *
 * Bonner 2006 uses the published figure, with its axis ticks measured on the image. KEYNOTE-189
 * ships no figure, so one is drawn here from its digitized points with @napi-rs/canvas.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCanvas } from '@napi-rs/canvas'
import { survivalAxes } from '../../src/shared/calibration/axes'
import { readPointsFile } from '../../src/shared/formats/pointsFile'
import { readRiskFile } from '../../src/shared/formats/riskFile'
import { formatStudyFile } from '../../src/shared/model/projectFile'
import { emptyStudy, type Study, type StudyCalibration } from '../../src/shared/model/study'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const trials = join(repo, '../shared/trials')

interface Arm {
  name: string
  color: string
  points: string
  risk: string
}

function figureOf(name: string, png: Buffer, width: number, height: number): Study['figure'] {
  return {
    name,
    mime: 'image/png',
    sha256: createHash('sha256').update(png).digest('hex'),
    width,
    height,
    data: png.toString('base64'),
  }
}

function curvesOf(dir: string, arms: Arm[], calibration: StudyCalibration): Study['curves'] {
  const axes = survivalAxes(calibration)
  return arms.map((arm, i) => {
    const file = readPointsFile(readFileSync(join(dir, arm.points), 'utf8'), arm.points)
    const points = file.points
      .map(({ time, surv }) => ({ ...axes.toPixel(time, surv), time, surv }))
      .sort((a, b) => a.time - b.time)
    const risk = readRiskFile(readFileSync(join(dir, arm.risk), 'utf8'), arm.risk).rows
    return { id: `curve${i + 1}`, name: arm.name, color: arm.color, points, risk }
  })
}

function bonner(): Study {
  const dir = join(trials, 'bonner2006')
  const png = readFileSync(join(dir, 'figure.png'))
  const study = emptyStudy()
  // Tick marks measured on the image: x ticks 0 and 70 at columns 120 and 394, the 0% and 100%
  // ticks at rows 223–224 and 35–36; positions are pixel centres, as the app's clicks are.
  study.calibration = {
    x1: { px: 120.5, py: 224, value: 0 },
    x2: { px: 394.5, py: 224, value: 70 },
    y1: { px: 120.5, py: 224, value: 0 },
    y2: { px: 120.5, py: 36, value: 100 },
    xScale: 'linear',
    yAxis: 'linear',
    yScale: 'percent',
    timeUnit: 'months',
  }
  study.figure = figureOf('figure.png', png, 437, 348)
  study.curves = curvesOf(
    dir,
    [
      {
        name: 'Radiotherapy',
        color: '#d62728',
        points: 'radiotherapy_points.csv',
        risk: 'radiotherapy_risk.csv',
      },
      {
        name: 'Radiotherapy plus cetuximab',
        color: '#1f77b4',
        points: 'radiotherapy_cetuximab_points.csv',
        risk: 'radiotherapy_cetuximab_risk.csv',
      },
    ],
    study.calibration,
  )
  study.record = {
    ...study.record,
    label: 'Bonner 2006',
    citation:
      'Bonner JA, Harari PM, Giralt J, et al. Radiotherapy plus cetuximab for squamous-cell carcinoma of the head and neck. N Engl J Med 2006;354:567-78.',
    design: 'RCT',
    outcome: 'LRC',
    reportedN: 424,
    reportedHr: { value: 0.68, lower: 0.52, upper: 0.89 },
    notes:
      'Locoregional control, Figure 1A. Median duration of locoregional control 24.4 months (cetuximab) vs 14.9 months (radiotherapy alone).',
  }
  return study
}

/** A plain KM figure of the trial's digitized curves: axes, ticks, steps, a number-at-risk table. */
function drawKeynoteFigure(
  arms: { name: string; color: string; points: { time: number; surv: number }[]; risk: number[] }[],
  cal: StudyCalibration,
): Buffer {
  const width = 900
  const height = 640
  const canvas = createCanvas(width, height)
  const g = canvas.getContext('2d')
  const axes = survivalAxes(cal)
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, width, height)
  g.strokeStyle = '#000000'
  g.fillStyle = '#000000'
  g.lineWidth = 1.5
  g.font = '15px DejaVu Sans'
  const o = axes.toPixel(0, 0)
  const xEnd = axes.toPixel(24, 0)
  const yEnd = axes.toPixel(0, 1)
  g.beginPath()
  g.moveTo(o.px, yEnd.py)
  g.lineTo(o.px, o.py)
  g.lineTo(xEnd.px, o.py)
  g.stroke()
  g.textAlign = 'center'
  g.textBaseline = 'top'
  for (let t = 0; t <= 24; t += 3) {
    const p = axes.toPixel(t, 0)
    g.beginPath()
    g.moveTo(p.px, p.py)
    g.lineTo(p.px, p.py + 7)
    g.stroke()
    g.fillText(String(t), p.px, p.py + 10)
  }
  g.fillText('Months', (o.px + xEnd.px) / 2, o.py + 34)
  g.textAlign = 'right'
  g.textBaseline = 'middle'
  for (let s = 0; s <= 100; s += 10) {
    const p = axes.toPixel(0, s / 100)
    g.beginPath()
    g.moveTo(p.px - 7, p.py)
    g.lineTo(p.px, p.py)
    g.stroke()
    g.fillText(String(s), p.px - 10, p.py)
  }
  g.save()
  g.translate(90, (o.py + yEnd.py) / 2)
  g.rotate(-Math.PI / 2)
  g.textAlign = 'center'
  g.fillText('Overall Survival (%)', 0, 0)
  g.restore()
  g.lineWidth = 2.5
  for (const arm of arms) {
    g.strokeStyle = arm.color
    g.beginPath()
    let prev = axes.toPixel(arm.points[0].time, arm.points[0].surv)
    g.moveTo(prev.px, prev.py)
    for (const p of arm.points.slice(1)) {
      const q = axes.toPixel(p.time, p.surv)
      g.lineTo(q.px, prev.py)
      g.lineTo(q.px, q.py)
      prev = q
    }
    g.stroke()
  }
  g.font = 'bold 15px DejaVu Sans'
  g.textAlign = 'left'
  g.fillStyle = '#000000'
  g.fillText('No. at Risk', 20, o.py + 70)
  g.font = '15px DejaVu Sans'
  arms.forEach((arm, i) => {
    const y = o.py + 96 + i * 24
    g.textAlign = 'left'
    g.fillStyle = arm.color
    g.fillText(arm.name.split(' ')[0], 20, y)
    g.fillStyle = '#000000'
    g.textAlign = 'center'
    arm.risk.forEach((n, k) => g.fillText(String(n), axes.toPixel(k * 3, 0).px, y))
    g.textAlign = 'left'
    g.fillStyle = arm.color
    g.fillRect(xEnd.px - 290, yEnd.py + 10 + i * 24, 24, 4)
    g.fillStyle = '#000000'
    g.fillText(arm.name, xEnd.px - 258, yEnd.py + 12 + i * 24)
  })
  return canvas.toBuffer('image/png')
}

function keynote(): Study {
  const dir = join(trials, 'keynote189')
  const study = emptyStudy()
  const calibration: StudyCalibration = {
    x1: { px: 200, py: 430, value: 0 },
    x2: { px: 860, py: 430, value: 24 },
    y1: { px: 200, py: 430, value: 0 },
    y2: { px: 200, py: 40, value: 100 },
    xScale: 'linear',
    yAxis: 'linear',
    yScale: 'percent',
    timeUnit: 'months',
  }
  study.calibration = calibration
  const arms: Arm[] = [
    {
      name: 'Placebo combination',
      color: '#6b7280',
      points: 'placebo_points.csv',
      risk: 'placebo_risk.csv',
    },
    {
      name: 'Pembrolizumab combination',
      color: '#1d4ed8',
      points: 'pembrolizumab_points.csv',
      risk: 'pembrolizumab_risk.csv',
    },
  ]
  study.curves = curvesOf(dir, arms, calibration)
  const png = drawKeynoteFigure(
    study.curves.map((c) => ({
      name: c.name,
      color: c.color,
      points: c.points,
      risk: c.risk.map((r) => r.nRisk),
    })),
    calibration,
  )
  study.figure = figureOf('keynote189-os.png', png, 900, 640)
  study.curves = study.curves.map((c, i) => ({ ...c, color: ['#d62728', '#1f77b4'][i] }))
  study.record = {
    ...study.record,
    label: 'KEYNOTE-189 (Gandhi 2018)',
    citation:
      'Gandhi L, Rodríguez-Abreu D, Gadgeel S, et al. Pembrolizumab plus chemotherapy in metastatic non-small-cell lung cancer. N Engl J Med 2018;378:2078-92.',
    design: 'RCT',
    outcome: 'OS',
    reportedN: 616,
    reportedHr: { value: 0.49, lower: 0.38, upper: 0.64 },
    notes:
      'Overall survival. The figure is drawn by tools/examples/buildExamples.ts from the digitized points shipped with the trial, not the published image.',
  }
  return study
}

const examples = join(repo, 'examples')
writeFileSync(join(examples, 'bonner2006.kmstudy'), formatStudyFile(bonner()))
writeFileSync(join(examples, 'keynote189.kmstudy'), formatStudyFile(keynote()))
console.log('wrote examples/bonner2006.kmstudy and examples/keynote189.kmstudy')
