/// <reference lib="dom" />
/**
 * The study view's two speed targets (issue 4), measured in the built renderer in Chromium with
 * the main-process handlers bridged (the e2e harness): the time from a point edit to the overlay
 * that shows its reconstruction, for two curves of 500 points; and the frame time while panning a
 * 4000×3000 figure with 2,000 points. The bridge carries each IPC call over the DevTools protocol,
 * slower than Electron's own IPC, so the edit latency here is an upper bound.
 */
import type { Page } from 'playwright-core'
import type { Study } from '../../src/shared/model/study'
import buildApp from '../e2e/global-setup'
import { startWithStudy, stats, syntheticStudy as drawStudy } from './browserBench'

/** A study of `curves` exponential-looking step curves of `points` points each, on a blank figure. */
const syntheticStudy = (width: number, height: number, curves: number, points: number) =>
  drawStudy(width, height, curves, points, { name: 'synthetic.png', nAtRisk: 300, grid: false })

async function openStudy(study: Study) {
  const { app, openStudy, remove } = await startWithStudy(study, 'kmpool-bench-', 'bench.kmstudy')
  await openStudy()
  await app.page.waitForFunction(
    () => document.querySelector<HTMLElement>('.figure-canvas')?.dataset.current === 'true',
  )
  return {
    page: app.page,
    close: async () => {
      await app.close()
      remove()
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
