/**
 * What the benches of the built renderer in Chromium with the main-process handlers bridged (the
 * e2e harness) share: a synthetic calibrated study on a drawn figure, starting the app with such a
 * study ready to open from a temporary folder, and the summary of a series of timings.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import type { Page } from 'playwright-core'
import { survivalAxes } from '../../src/shared/calibration/axes'
import { formatStudyFile } from '../../src/shared/model/projectFile'
import { emptyStudy, type Study, type StudyCalibration } from '../../src/shared/model/study'
import { type RunningApp, scriptedDialogs, startApp } from '../e2e/browser'

export interface SyntheticFigure {
  /** The figure's file name as the study records it. */
  name: string
  /** The number at risk at time 0 of each curve. */
  nAtRisk: number
  /** Draw 11 grey vertical grid lines inside the axes. */
  grid: boolean
}

/**
 * A study on a `width`×`height` figure with axes (0–60 months, proportion) and `curves`
 * exponential-looking step curves of `points` points each, with numbers at risk every 10 months.
 */
export function syntheticStudy(
  width: number,
  height: number,
  curves: number,
  points: number,
  figure: SyntheticFigure,
): Study {
  const canvas = createCanvas(width, height)
  const g = canvas.getContext('2d')
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, width, height)
  if (figure.grid) {
    g.strokeStyle = '#c8c8c8'
    g.lineWidth = Math.max(1, width / 2000)
    for (let i = 1; i < 12; i++) {
      g.beginPath()
      g.moveTo(width * 0.1 + (width * 0.8 * i) / 12, height * 0.1)
      g.lineTo(width * 0.1 + (width * 0.8 * i) / 12, height * 0.8)
      g.stroke()
    }
  }
  g.strokeStyle = '#000000'
  g.lineWidth = Math.max(1, width / 800)
  g.strokeRect(width * 0.1, height * 0.1, width * 0.8, height * 0.7)
  const png = canvas.toBuffer('image/png')
  const calibration: StudyCalibration = {
    x1: { px: width * 0.1, py: height * 0.8, value: 0 },
    x2: { px: width * 0.9, py: height * 0.8, value: 60 },
    y1: { px: width * 0.1, py: height * 0.8, value: 0 },
    y2: { px: width * 0.1, py: height * 0.1, value: 1 },
    xScale: 'linear',
    yAxis: 'linear',
    yScale: 'proportion',
    timeUnit: 'months',
  }
  const axes = survivalAxes(calibration)
  const study = emptyStudy()
  study.calibration = calibration
  study.figure = {
    name: figure.name,
    mime: 'image/png',
    sha256: createHash('sha256').update(png).digest('hex'),
    width,
    height,
    data: png.toString('base64'),
  }
  study.curves = Array.from({ length: curves }, (_, k) => {
    const rate = 0.02 + 0.01 * k
    const pts = Array.from({ length: points }, (_, i) => {
      const time = (55 * i) / (points - 1)
      const surv = Math.exp(-rate * time)
      return { ...axes.toPixel(time, surv), time, surv }
    })
    const risk = [0, 10, 20, 30, 40, 50].map((t) => ({
      time: t,
      nRisk: Math.round(figure.nAtRisk * Math.exp(-rate * t) * Math.exp(-0.01 * t)),
    }))
    return { id: `curve${k + 1}`, name: `Arm ${k + 1}`, color: '#1f77b4', points: pts, risk }
  })
  return study
}

/**
 * Writes `study` as `file` in a new temporary folder (named from `prefix`) and starts the app
 * with the open dialog scripted to answer it; `openStudy` then opens it as a reviewer does and
 * waits for the status line. `remove` deletes the folder (after closing the app).
 */
export async function startWithStudy(study: Study, prefix: string, file: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const path = join(dir, file)
  writeFileSync(path, formatStudyFile(study))
  const dialogs = scriptedDialogs()
  dialogs.open.push(path)
  const app: RunningApp = await startApp({ dialogs, viewport: { width: 1400, height: 860 } })
  return {
    app,
    openStudy: async (timeout?: number) => {
      await app.page.getByRole('button', { name: 'Open study' }).click()
      await app.page.getByText(`Opened ${file}`).waitFor(timeout === undefined ? {} : { timeout })
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Waits for the next animation frame of the page. */
export const nextFrame = (page: Page) =>
  page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => done())))

/** Mean, median and 95th percentile of a series of timings. */
export const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return {
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
    median: sorted[Math.floor(sorted.length / 2)],
    p95: sorted[Math.floor(sorted.length * 0.95)],
  }
}
