/// <reference lib="dom" />
/**
 * What "Read figure" read, checked in place on the figure (issue 14), on the lung figure
 * (../shared/cases/lung): every number at risk read is outlined where it was read, with the number
 * read, and each traced curve is on an amber casing with its label, until confirmed. A click on a
 * number's box focuses its field in the risk tab; the number corrected there is the reviewer's and
 * loses its outline; a curve's label picks it and its Confirm (in place) ends its highlight, one
 * undo step; Escape lets go of a picked label. A point of a traced curve dragged by hand makes its
 * trace the reviewer's (no longer to check), in the drag's undo step. No curve label covers
 * another. The study file keeps where each number was read. Screenshots:
 * test-artifacts/e2e/readToCheck-*.png (the README's docs/walkthrough/9-read-to-check.png).
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { screenshot, scriptedDialogs, useApp } from './harness'
import { repoRoot } from './paths'

const figure = join(repoRoot, '../shared/cases/lung/figure.png')
const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-tocheck-'))

// The lung figure's table (../shared/cases/lung/truth.json, as printed): Female 90 70 30 15 6 1 0,
// Male 138 86 35 17 7 2 0 at 0, 6, …, 36 months.
const PRINTED = 14

describe('the parts read from the figure, checked in place', () => {
  const dialogs = scriptedDialogs()

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })

  const canvasCount = async (name: string) =>
    Number(await app().page.locator('.figure-canvas').getAttribute(`data-${name}`))

  it('outlines each number and curve read; a click corrects a number, one click confirms a curve', async () => {
    const { page, menu } = app()
    dialogs.open.push(figure)
    await menu('open-figure')
    await page.getByText('Opened figure.png').waitFor()
    await page.getByRole('button', { name: 'Read figure' }).click()
    const parts = page.getByTestId('parts-to-check')
    await parts.waitFor({ timeout: 120_000 })

    // Every number printed outlined to check (or, where none could be read, outlined "?"), both
    // curves labelled to check on the figure.
    expect((await canvasCount('cells-to-check')) + (await canvasCount('cells-not-read'))).toBe(
      PRINTED,
    )
    expect(await canvasCount('curves-to-check')).toBe(2)
    expect(await page.locator('[data-testid^="curve-to-check-"]').count()).toBe(2)
    await screenshot(page, 'readToCheck-highlights')

    // The study file keeps where each number was read.
    const saved = join(work, 'lung.kmstudy')
    dialogs.save.push(saved)
    await menu('save-as')
    await page.getByText('Saved lung.kmstudy').waitFor()
    const study = parseStudyFile(readFileSync(saved, 'utf8'), 'lung.kmstudy')
    const femaleCurve = study.curves.find((c) => c.name === 'Female')!
    expect(femaleCurve).toBeDefined()
    const cells = study.provenance?.risk?.[femaleCurve.id]?.cells ?? []
    expect(cells.map((c) => c.n)).toEqual([90, 70, 30, 15, 6, 1, 0])
    const cell = cells.find((c) => c.time === 6)!

    // A click on the box of Female's 70 at 6 months: its field in the risk tab, focused.
    const canvas = page.locator('.figure-canvas')
    const scale = Number(await canvas.getAttribute('data-scale'))
    const vx = Number(await canvas.getAttribute('data-x'))
    const vy = Number(await canvas.getAttribute('data-y'))
    const rect = (await canvas.boundingBox())!
    const clickBox = (b: { x0: number; y0: number; x1: number; y1: number }) =>
      page.mouse.click(
        rect.x + vx + ((b.x0 + b.x1) / 2) * scale,
        rect.y + vy + ((b.y0 + b.y1) / 2) * scale,
      )
    await clickBox(cell)
    const field = page.getByLabel('At risk at 6', { exact: true })
    await expect.poll(() => field.evaluate((e) => e === document.activeElement)).toBe(true)
    // The pointer off the figure: no magnifier in the README's picture.
    await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height + 40)
    expect(
      await page.getByRole('tab', { name: 'Female', exact: true }).getAttribute('aria-selected'),
    ).toBe('true')
    const inPlace = page.getByRole('group', { name: 'Number at risk to check' })
    expect(await inPlace.textContent()).toContain('Female at 6 months: read 70')
    await screenshot(page, 'readToCheck-cell-picked')

    // Corrected by hand: the reviewer's number, no longer outlined nor marked to check.
    const before = await canvasCount('cells-to-check')
    await field.fill('71')
    await field.press('Enter')
    await expect.poll(() => canvasCount('cells-to-check')).toBe(before - 1)
    const row = page.locator('.risk-row').filter({ has: field })
    expect(await row.getAttribute('class')).not.toMatch(/to-check/)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())

    // Male's 86 at 6 months confirmed as read, in place: one click, one undo step.
    const maleCurve = study.curves.find((c) => c.name === 'Male')!
    const male6 = study.provenance?.risk?.[maleCurve.id]?.cells?.find((c) => c.time === 6)
    expect(male6?.n).toBe(86)
    await clickBox(male6!)
    expect(await inPlace.textContent()).toContain('Male at 6 months: read 86')
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await inPlace.getByRole('button', { name: 'Confirm 86 at 6' }).click()
    await expect.poll(() => canvasCount('cells-to-check')).toBe(before - 2)
    await inPlace.waitFor({ state: 'detached' })
    await menu('undo')
    await expect.poll(() => canvasCount('cells-to-check')).toBe(before - 1)

    // A curve's label picks it; Confirm in place ends its highlight; undo brings it back.
    const label = page.getByTestId(`curve-to-check-${femaleCurve.id}`)
    await label.getByRole('button', { name: 'Female: to check' }).click()
    await label.getByRole('button', { name: 'Confirm the trace of Female' }).click()
    await expect.poll(() => canvasCount('curves-to-check')).toBe(1)
    await label.waitFor({ state: 'detached' })
    expect(await parts.locator('li').allTextContents()).not.toContain('Female: the traceConfirm')
    await menu('undo')
    await expect.poll(() => canvasCount('curves-to-check')).toBe(2)
    await label.waitFor()

    // Escape lets go of a picked label: its Confirm goes.
    await label.getByRole('button', { name: 'Female: to check' }).click()
    const confirmFemale = label.getByRole('button', { name: 'Confirm the trace of Female' })
    await confirmFemale.waitFor()
    await page.keyboard.press('Escape')
    await confirmFemale.waitFor({ state: 'detached' })

    // No curve label covers another, nor a calibration point's name ("X2 (to check)" is at the
    // bottom right, where both curves end).
    const boxes = await Promise.all(
      [femaleCurve, maleCurve].map(
        async (c) => (await page.getByTestId(`curve-to-check-${c.id}`).boundingBox())!,
      ),
    )
    const apart = (a: (typeof boxes)[0], b: (typeof boxes)[0]) =>
      a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y
    expect(apart(boxes[0], boxes[1])).toBe(true)

    // A point of Male's trace dragged by hand: the trace is the reviewer's, no longer to check,
    // in the same undo step as the drag.
    await page.getByRole('radio', { name: 'Select' }).click()
    const maleMid = maleCurve.points[Math.floor(maleCurve.points.length / 3)]
    const at = { x: rect.x + vx + maleMid.px * scale, y: rect.y + vy + maleMid.py * scale }
    await page.mouse.move(at.x, at.y)
    await page.mouse.down()
    await page.mouse.move(at.x + 4, at.y + 6, { steps: 4 })
    await page.mouse.up()
    await expect.poll(() => canvasCount('curves-to-check')).toBe(1)
    await page.getByTestId(`curve-to-check-${maleCurve.id}`).waitFor({ state: 'detached' })
    const listed = await parts.locator('li').allTextContents()
    expect(listed.some((t) => t.startsWith('Male: the trace'))).toBe(false)
    expect(listed.some((t) => t.startsWith('Female: the trace'))).toBe(true)
    await screenshot(page, 'readToCheck-dragged')
    await menu('undo')
    await expect.poll(() => canvasCount('curves-to-check')).toBe(2)

    // Confirm all: nothing outlined any more.
    const all = parts.getByRole('button', { name: /^Confirm all / })
    await all.click()
    await parts.waitFor({ state: 'detached' })
    expect(await canvasCount('cells-to-check')).toBe(0)
    expect(await canvasCount('cells-not-read')).toBe(0)
    expect(await canvasCount('curves-to-check')).toBe(0)
    expect(app().errors).toEqual([])
  }, 240_000)
})
