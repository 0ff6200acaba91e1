/// <reference lib="dom" />
/**
 * The study view's two speed targets (issue 4), measured in the built renderer in Chromium with
 * the main-process handlers bridged (the e2e harness): the time from a point edit to the overlay
 * that shows its reconstruction, for two curves of 500 points; and the frame time while panning a
 * 4000×3000 figure with 2,000 points. The bridge carries each IPC call over the DevTools protocol,
 * slower than Electron's own IPC, so the edit latency here is an upper bound.
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
import { scriptedDialogs, startApp } from '../e2e/browser'
import buildApp from '../e2e/global-setup'

/** A study of `curves` exponential-looking step curves of `points` points each, on a blank figure. */
function syntheticStudy(width: number, height: number, curves: number, points: number): Study {
  const canvas = createCanvas(width, height)
  const g = canvas.getContext('2d')
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, width, height)
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
    name: 'synthetic.png',
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
    const n = 300
    const risk = [0, 10, 20, 30, 40, 50].map((t) => ({
      time: t,
      nRisk: Math.round(n * Math.exp(-rate * t) * Math.exp(-0.01 * t)),
    }))
    return { id: `curve${k + 1}`, name: `Arm ${k + 1}`, color: '#1f77b4', points: pts, risk }
  })
  return study
}

async function openStudy(study: Study) {
  const dir = mkdtempSync(join(tmpdir(), 'kmpool-bench-'))
  const path = join(dir, 'bench.kmstudy')
  writeFileSync(path, formatStudyFile(study))
  const dialogs = scriptedDialogs()
  dialogs.open.push(path)
  const app = await startApp({ dialogs, viewport: { width: 1400, height: 860 } })
  await app.page.getByRole('button', { name: 'Open study' }).click()
  await app.page.getByText('Opened bench.kmstudy').waitFor()
  await app.page.waitForFunction(
    () => document.querySelector<HTMLElement>('.figure-canvas')?.dataset.current === 'true',
  )
  return {
    page: app.page,
    close: async () => {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Milliseconds from an arrow-key nudge of a point to the painted frame with its reconstruction. */
async function editLatency(page: Page, edits: number): Promise<number[]> {
  await page.locator('.figure-canvas').focus()
  await page.keyboard.press(']')
  return page.evaluate(async (edits) => {
    const el = document.querySelector<HTMLElement>('.figure-canvas')!
    const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()))
    const times: number[] = []
    for (let i = 0; i < edits; i++) {
      const revision = Number(el.dataset.revision)
      const key = i % 2 ? 'ArrowUp' : 'ArrowDown'
      const shown = new Promise<void>((done) => {
        const observer = new MutationObserver(() => {
          if (Number(el.dataset.revision) > revision && el.dataset.current === 'true') {
            observer.disconnect()
            done()
          }
        })
        observer.observe(el, { attributes: true })
      })
      const t0 = performance.now()
      window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
      window.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true }))
      await shown
      // The frame that paints the overlay of the new reconstruction.
      await frame()
      times.push(performance.now() - t0)
    }
    return times
  }, edits)
}

/** Intervals between painted frames while the middle button drags the view every frame. */
async function panFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(async (frames) => {
    const el = document.querySelector<HTMLElement>('.figure-canvas')!
    const box = el.getBoundingClientRect()
    const at = (x: number, y: number, type: string) =>
      el.dispatchEvent(
        new PointerEvent(type, {
          pointerId: 1,
          pointerType: 'mouse',
          button: type === 'pointermove' ? -1 : 1,
          buttons: type === 'pointerup' ? 0 : 4,
          clientX: box.left + x,
          clientY: box.top + y,
          bubbles: true,
        }),
      )
    const frame = () => new Promise<number>((done) => requestAnimationFrame(done))
    at(400, 400, 'pointerdown')
    let last = await frame()
    const intervals: number[] = []
    for (let i = 0; i < frames; i++) {
      at(400 + 150 * Math.sin(i / 15), 400 + 100 * Math.cos(i / 20), 'pointermove')
      const now = await frame()
      intervals.push(now - last)
      last = now
    }
    at(400, 400, 'pointerup')
    return intervals
  }, frames)
}

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  return {
    mean,
    median: sorted[Math.floor(sorted.length / 2)],
    p95: sorted[Math.floor(sorted.length * 0.95)],
  }
}

export async function benchStudyView(print: (s: string) => void): Promise<void> {
  print('')
  print('## Study view (built renderer in Chromium, handlers bridged)')
  print('')
  await buildApp()

  const edit = await openStudy(syntheticStudy(1200, 900, 2, 500))
  try {
    await editLatency(edit.page, 20)
    const e = stats(await editLatency(edit.page, 40))
    print(
      `Point edit → updated overlay, 2 curves × 500 points: median ${e.median.toFixed(1)} ms, mean ${e.mean.toFixed(1)} ms, p95 ${e.p95.toFixed(1)} ms (target < 50 ms)`,
    )
  } finally {
    await edit.close()
  }

  const pan = await openStudy(syntheticStudy(4000, 3000, 2, 1000))
  try {
    await panFrames(pan.page, 30)
    const f = stats(await panFrames(pan.page, 180))
    print(
      `Panning a 4000×3000 figure with 2,000 points: frame time median ${f.median.toFixed(1)} ms, mean ${f.mean.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms = ${(1000 / f.mean).toFixed(0)} frames per second (target 60)`,
    )
  } finally {
    await pan.close()
  }
  print('')
}
