/// <reference lib="dom" />
/**
 * "Detect axes" end to end on the lung figure: the calibration panel's button reads the axes in
 * main (offline OCR), places the four points with their values as one undo step, shows them "to
 * check", and Confirm clears that. The screenshot is test-artifacts/e2e/detect-axes.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot, scriptedDialogs, targets, useApp, type RunningApp } from './harness'
import { repoRoot } from './paths'

const figure = join(repoRoot, '../shared/cases/lung/figure.png')
const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-axes-'))
const toCheck = 'Axes read from the figure: check that the dashed gridlines sit on the ticks'

describe('Detect axes, on the lung figure', () => {
  const dialogs = scriptedDialogs()

  const app = useApp({ dialogs, viewport: { width: 1400, height: 860 } }, { work })

  const value = (label: string) => app().page.getByLabel(`${label} value`).inputValue()

  it('places the four points, to check, as one undo step, and Confirm clears the mark', async () => {
    const { page, menu } = app()
    dialogs.open.push(figure)
    await menu('open-figure')
    await page.getByText('Opened figure.png').waitFor()

    await page.getByRole('button', { name: 'Detect axes' }).click()
    await page.getByText(toCheck).waitFor({ timeout: 60_000 })
    // The lung figure's axes (../shared/cases/lung/truth.json): time 0–36, survival 0–1.
    expect(await value('X2 (time axis)')).toBe('36')
    expect(await value('Y2 (survival axis)')).toBe('1')
    // X1 and Y1 are labelled ticks the fit chose (not necessarily 0): numbers below X2 and Y2.
    expect(Number(await value('X1 (time axis)'))).toBeLessThan(36)
    expect(Number(await value('Y1 (survival axis)'))).toBeLessThan(1)
    const survivalValues = page.getByLabel('Survival values')
    expect(await survivalValues.inputValue()).toBe('proportion')
    await screenshot(page, 'detect-axes')

    // One undo step takes the whole reading away, and redo brings it back, still to check.
    await menu('undo')
    await expect.poll(() => value('X2 (time axis)')).toBe('')
    await menu('redo')
    await expect.poll(() => value('X2 (time axis)')).toBe('36')
    await page.getByText(toCheck).waitFor()

    // A correction by hand makes the calibration the reviewer's own: nothing left to check.
    const x2 = page.getByLabel('X2 (time axis) value')
    await x2.fill('35')
    await page.getByText(toCheck).waitFor({ state: 'detached' })
    // Out of the field, so that undo is the study's, not the field's own.
    await x2.blur()
    await menu('undo')
    await expect.poll(() => value('X2 (time axis)')).toBe('36')
    await page.getByText(toCheck).waitFor()

    await page.getByRole('button', { name: 'Confirm', exact: true }).click()
    await page.getByText(toCheck).waitFor({ state: 'detached' })
    await page.getByText('Calibrated.', { exact: false }).waitFor()
    await screenshot(page, 'detect-axes-confirmed')

    // The study file says the calibration was read from the figure, and confirmed.
    const saved = join(work, 'lung.kmstudy')
    dialogs.save.push(saved)
    await menu('save')
    await page.getByText('Saved lung.kmstudy').waitFor()
    const study = parseStudyFile(readFileSync(saved, 'utf8'), 'lung.kmstudy')
    expect(study.provenance?.calibration).toMatchObject({ from: 'read', confirmed: true })
    expect(study.calibration?.x2.value).toBe(36)
  }, 120_000)

  it('says why when a figure has no axes to read, and changes nothing', async () => {
    const { page, menu } = app()
    // A blank figure: no axis lines, no tick marks, no labels.
    const canvas = createCanvas(600, 400)
    const ctx = canvas.getContext('2d')
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, 600, 400)
    const blank = join(work, 'blank.png')
    writeFileSync(blank, canvas.toBuffer('image/png'))
    dialogs.open.push(blank)
    await menu('open-figure')
    await page.getByText('Opened blank.png').waitFor()
    await page.getByRole('button', { name: 'Detect axes' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'place the four points by hand' })
    await alert.waitFor({ timeout: 60_000 })
    expect(await alert.locator('li').count()).toBeGreaterThan(0)
    expect(await alert.locator('li').count()).toBeLessThanOrEqual(3)
    expect(await value('X2 (time axis)')).toBe('')
    await screenshot(page, 'detect-axes-failed')
  }, 120_000)
})

// The built app itself: main's bundle loads tesseract.js and its model from node_modules, and the
// preload exposes the channel.
const electron = targets.find((t) => t.name === 'electron')!
describe.skipIf(electron.skipReason !== null)('Detect axes in the built Electron app', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await electron.start()
  })
  afterAll(async () => {
    await app?.close()
  })

  it("reads the lung figure's axes through the preload", async () => {
    const data = readFileSync(figure).toString('base64')
    const found = await app.page.evaluate(
      (data) => window.kmpool.detectAxes({ data, name: 'figure.png' }),
      data,
    )
    expect(found.calibration?.x2.value, found.problems.join('; ')).toBe(36)
    expect(found.calibration?.y2.value).toBe(1)
  }, 120_000)
})
