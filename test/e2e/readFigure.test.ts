/// <reference lib="dom" />
/**
 * The figure's readings end to end (issue 14), on a generated 1400 × 1000 figure with a
 * number-at-risk table (a development seed, NEJM's style) whose cell of Arm B at 9 months is
 * erased: the risk tab's "Read from figure" fills both arms' tables as one undo step, every cell
 * "to check", the erased cell listed and left empty (never guessed); a cell corrected by hand is
 * the reviewer's own; Confirm clears the rest. "Read figure" reads axes, curves and tables with
 * its progress shown, Cancel stops it with nothing changed, and each part read is confirmed with
 * one click. Screenshots: test-artifacts/e2e/readFigure-*.png.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { describe, expect, it } from 'vitest'
import { formatStudyFile, parseStudyFile } from '../../src/shared/model/projectFile'
import { emptyStudy, studySchema } from '../../src/shared/model/study'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { screenshot, scriptedDialogs, useApp } from './harness'

const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-read-'))

/** Seed 7 (a development seed, test/generator/seeds.ts) drawn in NEJM's style, 1400 × 1000. */
const fig = renderKmFigure({
  ...styledFigureSpec(7, 'nejm', { riskTable: true }),
  width: 1400,
  height: 1000,
  jpeg: null,
})
const cal = fig.calibration
const [armA, armB] = fig.arms
// The cell erased: the last row's (Arm B's, at the bottom of NEJM's table) at the second tick.
const erasedTime = armB.risk[1].time

/** The figure as a PNG, with the ink of the last table row's cell at `erasedTime` painted over. */
function erasedFigure(): Buffer {
  const { image } = fig
  const px =
    cal.x1.px +
    ((erasedTime - cal.x1.value) / (cal.x2.value - cal.x1.value)) * (cal.x2.px - cal.x1.px)
  const dark = (x: number, y: number) => {
    const i = (y * image.width + x) * 4
    return image.data[i] + image.data[i + 1] + image.data[i + 2] < 384
  }
  const x0 = Math.round(px - 30)
  const x1 = Math.round(px + 30)
  // The lowest run of ink rows in that column band, below the axis: the last row's number.
  let yEnd = -1
  let yStart = -1
  for (let y = image.height - 1; y > cal.x1.py; y--) {
    let ink = false
    for (let x = x0; x <= x1 && !ink; x++) ink = dark(x, y)
    if (ink && yEnd < 0) yEnd = y
    if (!ink && yEnd >= 0) {
      yStart = y + 1
      break
    }
  }
  if (yStart < 0) throw new Error('no table cell found to erase')
  const canvas = createCanvas(image.width, image.height)
  const ctx = canvas.getContext('2d')
  const data = ctx.createImageData(image.width, image.height)
  data.data.set(image.data)
  ctx.putImageData(data, 0, 0)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(x0, yStart - 2, x1 - x0, yEnd - yStart + 5)
  return canvas.toBuffer('image/png')
}

const png = erasedFigure()
const figurePath = join(work, 'figure.png')
writeFileSync(figurePath, png)

/**
 * A study of the figure, calibrated, with its two arms drawn in the other order than the table's
 * rows and named as the table names them: the rows are matched to the curves by name.
 */
function studyFile(): string {
  const study = studySchema.parse({
    ...emptyStudy(),
    figure: {
      name: 'figure.png',
      mime: 'image/png',
      sha256: createHash('sha256').update(png).digest('hex'),
      width: fig.image.width,
      height: fig.image.height,
      data: png.toString('base64'),
    },
    calibration: {
      x1: cal.x1,
      x2: cal.x2,
      y1: cal.y1,
      y2: cal.y2,
      yScale: cal.yScale,
      timeUnit: 'months',
    },
    curves: [armB, armA].map((arm, i) => ({
      id: `curve${i + 1}`,
      name: arm.name,
      color: arm.color,
      points: [],
      risk: [],
      // Arm A's N is one less than its first number: that number is flagged.
      ...(arm === armA ? { totalN: armA.risk[0].nRisk - 1 } : {}),
    })),
  })
  const path = join(work, 'study.kmstudy')
  writeFileSync(path, formatStudyFile(study))
  return path
}

describe('reading the figure in the app', () => {
  const dialogs = scriptedDialogs()

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })

  const atRisk = (t: number) => app().page.getByLabel(`At risk at ${t}`, { exact: true })
  const row = (t: number) =>
    app()
      .page.locator('.risk-row')
      .filter({ has: atRisk(t) })
  const toCheck = () => app().page.getByTestId('risk-to-check')
  const arm = (name: string) => app().page.getByRole('tab', { name, exact: true })

  it('reads the risk table to check, lists the erased cell, and takes corrections and Confirm', async () => {
    const { page, menu } = app()
    dialogs.open.push(studyFile())
    await menu('open-study')
    // Opening resets the step tabs: wait for it before choosing the risk tab.
    await page.getByText('Opened study.kmstudy.').waitFor()
    await page.getByRole('tab', { name: '3 Risk table' }).click()
    await arm(armA.name).click()
    await page.getByRole('button', { name: 'Read from figure' }).click()
    await toCheck().waitFor({ timeout: 120_000 })

    // Arm A: every printed number, each marked to check; its first number above the N typed.
    for (const r of armA.risk) expect(await atRisk(r.time).inputValue()).toBe(String(r.nRisk))
    expect(await page.locator('.risk-row.to-check').count()).toBe(armA.risk.length)
    expect(await toCheck().textContent()).toContain('matched to the curve by its name')
    expect(await toCheck().textContent()).toMatch(/more than the arm's \d+ patients/)
    expect(await row(armA.risk[0].time).locator('.check-tag').textContent()).toBe('flagged')
    await screenshot(page, 'readFigure-risk-to-check')

    // Arm B: the erased cell is left empty, marked and listed in words; the others are read.
    await arm(armB.name).click()
    await expect.poll(() => atRisk(armB.risk[0].time).inputValue()).toBe(String(armB.risk[0].nRisk))
    expect(await atRisk(erasedTime).inputValue()).toBe('')
    expect(await row(erasedTime).locator('.check-tag').textContent()).toBe('blank')
    expect(await toCheck().locator('li').allTextContents()).toContain(
      `nothing printed at ${erasedTime}`,
    )
    for (const r of armB.risk.filter((r) => r.time !== erasedTime)) {
      expect(await atRisk(r.time).inputValue()).toBe(String(r.nRisk))
    }
    // On the figure: every number read outlined to check, the erased cell outlined with "?".
    const canvas = page.locator('.figure-canvas')
    expect(await canvas.getAttribute('data-cells-not-read')).toBe('1')
    expect(Number(await canvas.getAttribute('data-cells-to-check'))).toBe(
      armA.risk.length + armB.risk.length - 1,
    )
    await screenshot(page, 'readFigure-risk-not-read')

    // One undo step takes the whole reading away (both arms), redo brings it back to check.
    await menu('undo')
    await expect.poll(() => atRisk(armB.risk[0].time).inputValue()).toBe('')
    await toCheck().waitFor({ state: 'detached' })
    await menu('redo')
    await toCheck().waitFor()
    await arm(armA.name).click()
    await expect.poll(() => atRisk(armA.risk[0].time).inputValue()).toBe(String(armA.risk[0].nRisk))

    // A cell corrected by hand is the reviewer's: no longer to check; the others still are.
    await arm(armB.name).click()
    await atRisk(erasedTime).fill(String(armB.risk[1].nRisk))
    await atRisk(erasedTime).press('Enter')
    const second = armB.risk[2]
    await atRisk(second.time).fill(String(second.nRisk + 1))
    await atRisk(second.time).press('Enter')
    await expect.poll(() => row(second.time).getAttribute('class')).not.toMatch(/to-check/)
    expect(await row(erasedTime).getAttribute('class')).not.toMatch(/to-check/)
    // Typed and corrected: neither outlined on the figure any more.
    expect(await canvas.getAttribute('data-cells-not-read')).toBe('0')
    expect(Number(await canvas.getAttribute('data-cells-to-check'))).toBe(
      armA.risk.length + armB.risk.length - 2,
    )
    expect(await row(armB.risk[0].time).getAttribute('class')).toMatch(/to-check/)
    // Out of the field, so that undo is the study's, not the field's own.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await menu('undo')
    await expect.poll(() => atRisk(second.time).inputValue()).toBe(String(second.nRisk))
    await expect.poll(() => row(second.time).getAttribute('class')).toMatch(/to-check/)

    // Confirm for one arm, then all: nothing left to check.
    await page.getByRole('button', { name: `Confirm ${armB.name}`, exact: true }).click()
    await toCheck().waitFor({ state: 'detached' })
    expect(await page.locator('.risk-row.to-check').count()).toBe(0)
    await arm(armA.name).click()
    await toCheck().waitFor()
    await page.getByRole('button', { name: `Confirm ${armA.name}`, exact: true }).click()
    await toCheck().waitFor({ state: 'detached' })
    // Confirmed: the flag on its first number is the reviewer's decision now, no longer shown.
    expect(await page.locator('.risk-row.flagged, .risk-row.to-check').count()).toBe(0)
    await screenshot(page, 'readFigure-risk-confirmed')

    const saved = join(work, 'saved.kmstudy')
    dialogs.save.push(saved)
    await menu('save-as')
    await page.getByText('Saved saved.kmstudy').waitFor()
    const study = parseStudyFile(readFileSync(saved, 'utf8'), 'saved.kmstudy')
    for (const id of ['curve1', 'curve2']) {
      expect(study.provenance?.risk?.[id]).toMatchObject({ from: 'read', confirmed: true })
    }
    const b = study.curves.find((c) => c.name === armB.name)!
    expect(b.risk.find((r) => r.time === erasedTime)?.nRisk).toBe(armB.risk[1].nRisk)
    expect(app().errors).toEqual([])
  }, 240_000)

  it('reads the whole figure with progress; Cancel stops it; each part is confirmed in one click', async () => {
    const { page, menu } = app()
    dialogs.open.push(figurePath)
    await menu('open-figure')
    await page.getByText('Opened figure.png').waitFor()
    const read = page.getByRole('button', { name: 'Read figure' })

    // Cancelled while it reads: nothing changed.
    await read.click()
    const progress = page.locator('.read-figure .reading-progress')
    await progress.getByText(/^Step \d of 3: /).waitFor({ timeout: 60_000 })
    await screenshot(page, 'readFigure-progress')
    await progress.getByRole('button', { name: 'Cancel' }).click()
    await page.getByText('Reading cancelled: nothing was changed.').waitFor({ timeout: 30_000 })
    await progress.waitFor({ state: 'detached' })
    expect(await page.getByTestId('parts-to-check').count()).toBe(0)
    await page.getByRole('tab', { name: '2 Curves' }).click()
    expect(await page.getByRole('button', { name: new RegExp(`^${armA.name} · `) }).count()).toBe(0)

    // Read to the end: the steps shown, then every part listed to check.
    await read.click()
    await progress.waitFor()
    const parts = page.getByTestId('parts-to-check')
    await parts.waitFor({ timeout: 120_000 })
    const listed = await parts.locator('li').allTextContents()
    expect(listed.join(' | ')).toContain('the axes')
    for (const a of [armA, armB]) {
      expect(listed.join(' | ')).toContain(`${a.name}: the numbers at risk`)
      expect(listed.join(' | ')).toContain(`${a.name}: the trace`)
    }
    expect(listed.join(' | ')).toContain('the reference arm')
    await screenshot(page, 'readFigure-parts-to-check')

    // One click confirms one part; one undo step brings it back; Confirm all ends the list.
    const before = listed.length
    await parts.getByRole('button', { name: 'Confirm the axes' }).click()
    await expect.poll(() => parts.locator('li').count()).toBe(before - 1)
    await menu('undo')
    await expect.poll(() => parts.locator('li').count()).toBe(before)
    await parts.getByRole('button', { name: `Confirm all ${before}` }).click()
    await parts.waitFor({ state: 'detached' })

    // One undo step before the confirmations, and another before the reading: an empty study.
    await menu('undo')
    await parts.waitFor()
    await menu('undo')
    await parts.waitFor({ state: 'detached' })
    expect(await page.getByRole('button', { name: new RegExp(`^${armA.name} · `) }).count()).toBe(0)
    expect(app().errors).toEqual([])
  }, 300_000)
})
