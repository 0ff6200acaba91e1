/// <reference lib="dom" />
/**
 * A traced curve's status in the app (issue 10), on the AML case: its two arms start together at
 * survival 1, so the Maintained arm's first months lie under the Nonmaintained arm's line. The
 * curve list says so in words, the reconstruction panel says its IPD rests on that stretch, and
 * the overlay draws the stretch dashed and the reconstructed curves in their own contrasting style
 * with a legend; the tracer's notes are listed under each curve's row. On a generated NEJM-style
 * figure, Suggest curves' notes (black marks read as censor marks, inks not traced) are notes to
 * read, in the app's words, not errors. Screenshots: test-artifacts/e2e/traceStatus-*.png.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deltaE, parseColor, rgbToLab } from '../../src/shared/trace'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'
import { screenshot, scriptedDialogs, useApp } from './harness'
import {
  calibrateByClicking,
  openCalibratedFigure,
  paste,
  reconstructed,
  toPage,
} from './figureView'
import { artifactsDir, repoRoot } from './paths'

const caseDir = join(repoRoot, '../shared/cases/aml')
const truth = JSON.parse(readFileSync(join(caseDir, 'truth.json'), 'utf8'))
const cal = truth.calibration
// X1 and Y1 share the origin's pixel: Y1 is taken halfway up the survival axis instead.
const y1 = { px: cal.y1.px, py: (cal.y1.py + cal.y2.py) / 2, value: 0.5 }
const arms = ['Maintained', 'Nonmaintained'] as const
const risk = (arm: string) =>
  readFileSync(join(caseDir, 'arms', arm, 'risk.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .join('\n')

describe('trace status, on the AML case (arms that share their start)', () => {
  const dialogs = scriptedDialogs()

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } })

  it('names the stretch under the other arm, flags the IPD, and draws the check', async () => {
    const { page, menu } = app()
    dialogs.open.push(join(caseDir, 'figure.png'))
    await menu('open-figure')
    await page.getByText('Opened figure.png').waitFor()
    await page.locator('.figure-canvas canvas').first().waitFor()
    await calibrateByClicking(page, { x1: cal.x1, x2: cal.x2, y1, y2: cal.y2 })

    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Suggest curves' }).click()
    const offers = page.getByRole('list', { name: 'Suggested curves' })
    await page.getByText(/Found 2 curves/).waitFor()
    const found = (
      await offers
        .getByRole('button', { name: /^Add the #/ })
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')!))
    ).map((l) => /#[0-9a-f]{6}/.exec(l)![0])
    for (const arm of arms) {
      const lab = rgbToLab(...parseColor(truth.curveColors[arm]))
      const nearest = found.reduce((a, b) =>
        deltaE(rgbToLab(...parseColor(a)), lab) <= deltaE(rgbToLab(...parseColor(b)), lab) ? a : b,
      )
      await page.getByRole('button', { name: `Add the ${nearest} curve` }).click()
      await page.getByLabel('Name of the active curve').fill(arm)
      await page.getByLabel('Name of the active curve').press('Enter')
    }

    // The status, in words, on each curve's row; the other arm is named, with the stretch's times.
    const status = (arm: string) =>
      page.getByRole('button', { name: new RegExp(`^${arm} · `) }).locator('.curve-status')
    await expect
      .poll(() => status('Maintained').textContent())
      .toMatch(/^partly under Nonmaintained, 0–[\d.]+ months$/)
    // Whole, with a note (below) on the marks of the shared start.
    expect(await status('Nonmaintained').textContent()).toBe('traced whole; see the note below')
    // The tracer's notes on each trace, under its row, with the other arm named: the censor marks
    // on the shared start are either arm's, counted for neither.
    for (const [arm, other] of [arms, [...arms].reverse()]) {
      const notes = page.getByRole('list', { name: `Notes on the trace of ${arm}` })
      expect(await notes.textContent()).toContain(`the curve of ${other} share one line`)
    }
    const to = Number(/0–([\d.]+) months/.exec((await status('Maintained').textContent())!)![1])
    // The CLI traces this stretch from 0 to 4.91 months; the shared start is a few months long.
    expect(to).toBeGreaterThan(1)
    expect(to).toBeLessThan(15)

    await page.getByRole('tab', { name: '3 Risk table' }).click()
    for (const arm of arms) {
      await page.getByRole('tab', { name: arm, exact: true }).click()
      await paste(page, 'At risk at 0', risk(arm))
    }
    await reconstructed(page)

    // The reconstruction panel says which IPD rests on the inferred stretch, and only that one.
    const caveat = (arm: string) =>
      page.getByRole('article', { name: `Reconstruction of ${arm}` }).locator('[data-trace-caveat]')
    await caveat('Maintained').waitFor()
    expect(await caveat('Maintained').textContent()).toContain(
      'followed another curve’s ink: partly under Nonmaintained',
    )
    expect(await caveat('Nonmaintained').count()).toBe(0)

    // The legend tells the digitized points from the reconstruction and names the dashed stretch.
    const legend = page.getByRole('note', { name: 'Overlay legend' })
    expect(await legend.textContent()).toContain('Digitized points')
    expect(await legend.textContent()).toContain('Reconstructed KM curve')
    expect(await legend.textContent()).toContain('Traced under another curve’s line')

    // The overlay itself: read it in these screenshots (the stretch at the start, dashed).
    await screenshot(page, 'traceStatus-1-overlay')
    // And close up, the shared start: zoomed 4× about it, from the origin's column to 30 months.
    const start = (await toPage(page))(cal.x1.px + 60, cal.y2.py + 60)
    await page.mouse.move(start.x, start.y)
    await page.mouse.wheel(0, -760)
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLElement>('.figure-canvas')
      return Number(el?.dataset.scale) > 1.5
    })
    // The pointer leaves the figure, so that the magnifier does not cover the stretch.
    await page.mouse.move(1, 1)
    const at = await toPage(page)
    const corner = at(cal.x1.px - 20, cal.y2.py - 30)
    const far = at(cal.x1.px + (30 / 168) * (cal.x2.px - cal.x1.px), cal.y2.py + 150)
    await page.screenshot({
      path: join(artifactsDir, 'traceStatus-1-overlay-start.png'),
      clip: { x: corner.x, y: corner.y, width: far.x - corner.x, height: far.y - corner.y },
    })
    const png = join(repoRoot, 'test-artifacts/e2e/traceStatus-2-export.png')
    dialogs.save.push(png)
    await page.locator('details.menu summary').click()
    await page.getByRole('button', { name: 'Figure with overlay (PNG)' }).click()
    await page.getByText('Exported traceStatus-2-export.png').waitFor()
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
    expect(app().errors).toEqual([])
  })
})

describe("Suggest curves' notes, on a generated NEJM-style figure", () => {
  const dialogs = scriptedDialogs()
  const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-notes-'))

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })

  it("shows Suggest curves' notes as notes to read, and each trace's under its curve", async () => {
    const { page } = app()
    // A generated NEJM-style figure (dev seed 3002): black "+" censor marks on coloured curves,
    // which Suggest curves reads as marks (not a curve) and says so.
    const fig = renderKmFigure(styledFigureSpec(3002, styleOfSeed(3002), {}))
    await openCalibratedFigure(app(), dialogs, work, 'nejm', fig)

    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Suggest curves' }).click()
    await page.getByText(/^Found \d+ curves?/).waitFor()
    // Not an error: a notice, with the notes under the offers, each a sentence in the app's terms.
    const notice = page.locator('.statusbar .notice')
    expect(await notice.getAttribute('class')).toContain('warning')
    expect(await notice.getAttribute('role')).toBe('status')
    const notes = page.getByRole('note', { name: 'Notes on the suggestion' })
    const text = (await notes.textContent()) ?? ''
    expect(text).toContain('read as censor marks on')
    expect(text).not.toContain('--color')
    expect(text).toContain('eyedropper')
    for (const li of await notes.locator('li').all()) {
      expect(await li.textContent()).toMatch(/^[A-Z].*\.$/)
    }

    await screenshot(page, 'traceStatus-3-suggest-notes')

    // Added, each curve shows its trace's notes under its row, wrapped inside the panel.
    await page.getByRole('button', { name: /^Add all / }).click()
    const curveNotes = page.getByRole('list', { name: /^Notes on the trace of / })
    await curveNotes.first().waitFor()
    const panel = (await page.locator('.curve-list, [aria-label="Curves"]').first().boundingBox())!
    for (const list of await curveNotes.all()) {
      const box = (await list.boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width + 1)
      expect(await list.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)
    }
    await page.locator('.curve-list').scrollIntoViewIfNeeded()
    await page.locator('.curve-list > li').first().scrollIntoViewIfNeeded()
    await screenshot(page, 'traceStatus-4-curve-notes')
    expect(app().errors).toEqual([])
  })
})
