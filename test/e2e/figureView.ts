/// <reference lib="dom" />
/**
 * Steps on the study view's figure that several end-to-end tests take the same way: mapping image
 * pixels to the page, waiting for the reconstruction, pasting into a field, counting a curve's
 * points, calibrating by clicking the axis pixels and opening a generated figure so calibrated.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { RenderedFigure } from '../generator/kmFigure'
import type { RunningApp, scriptedDialogs } from './browser'

/** Where image pixel (px, py) is on the page, through the canvas's current view. */
export async function toPage(page: Page) {
  const canvas = page.locator('.figure-canvas')
  const box = (await canvas.boundingBox())!
  const view = await canvas.evaluate((el: HTMLElement) => ({
    scale: Number(el.dataset.scale),
    x: Number(el.dataset.x),
    y: Number(el.dataset.y),
  }))
  return (px: number, py: number) => ({
    x: box.x + view.x + px * view.scale,
    y: box.y + view.y + py * view.scale,
  })
}

/** Waits until the overlay and the panel show the reconstruction of the study as it is now. */
export async function reconstructed(page: Page) {
  await page.waitForFunction(
    () => document.querySelector<HTMLElement>('.figure-canvas')?.dataset.current === 'true',
  )
}

/** Pastes `text` into the field labelled `label`, as the clipboard would. */
export async function paste(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).evaluate((el, text) => {
    const data = new DataTransfer()
    data.setData('text/plain', text)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
  }, text)
}

/** The number of points the curve list shows for the curve `name`. */
export const pointCount = async (page: Page, name: string) => {
  const text = await page.getByRole('button', { name: new RegExp(`^${name} · `) }).textContent()
  return Number(/(\d+) points/.exec(text ?? '')?.[1])
}

interface AxisPoint {
  px: number
  py: number
  value: number
}

/**
 * Calibrates the open figure by clicking X1, X2, Y1 and Y2 at their pixels, typing their values,
 * and waits for the calibration's confirmation.
 */
export async function calibrateByClicking(
  page: Page,
  points: { x1: AxisPoint; x2: AxisPoint; y1: AxisPoint; y2: AxisPoint },
) {
  const at = await toPage(page)
  for (const p of [points.x1, points.x2, points.y1, points.y2])
    await page.mouse.click(at(p.px, p.py).x, at(p.px, p.py).y)
  for (const [key, value] of [
    ['X1 (time axis)', points.x1.value],
    ['X2 (time axis)', points.x2.value],
    ['Y1 (survival axis)', points.y1.value],
    ['Y2 (survival axis)', points.y2.value],
  ] as const) {
    await page.getByLabel(`${key} value`).fill(String(value))
  }
  await page.getByText('Calibrated. Check that the dashed gridlines').waitFor()
}

/**
 * Writes the generated figure `fig` to `dir` as `name` (.jpg or .png as drawn), opens it through
 * File → Open Figure and calibrates it by clicking its true axis pixels, Y1 at half height (a
 * labelled tick above the axis, as a reviewer would pick one).
 */
export async function openCalibratedFigure(
  app: RunningApp,
  dialogs: ReturnType<typeof scriptedDialogs>,
  dir: string,
  name: string,
  fig: RenderedFigure,
) {
  const file = join(dir, `${name}.${fig.fileType === 'jpeg' ? 'jpg' : 'png'}`)
  writeFileSync(file, fig.file)
  dialogs.open.push(file)
  await app.menu('open-figure')
  await app.page.getByText(new RegExp(`^Opened ${name}\\.`)).waitFor()
  const c = fig.calibration
  const half = { px: c.y1.px, py: (c.y1.py + c.y2.py) / 2, value: (c.y1.value + c.y2.value) / 2 }
  await calibrateByClicking(app.page, { x1: c.x1, x2: c.x2, y1: half, y2: c.y2 })
}
