/// <reference lib="dom" />
/**
 * A reviewer's first hour (issue 13), end to end: the traps of calibration and of the risk table,
 * the reference arm, the read-only example review, stale messages, layout and keyboard access.
 * Each fixed state leaves a screenshot in test-artifacts/e2e/first-hour-*.png.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'

import { parseStudyFile } from '../../src/shared/model/projectFile'
import { paste, toPage } from './figureView'
import { screenshot, scriptedDialogs, useApp, withExampleReview } from './harness'
import { repoRoot } from './paths'

const bonnerDir = join(repoRoot, '../shared/trials/bonner2006')
const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-first-hour-'))

// Bonner 2006: the origin is X1 and Y1 at once; the time axis ends at 70 months, ticked every 10.
const origin = { px: 120.5, py: 224 }
const x2 = { px: 394.5, py: 224 }
const y2 = { px: 120.5, py: 36 }

const statusText = (page: Page) => page.locator('.statusbar .notice').textContent()
const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the study view: calibration, risk table, reference arm', () => {
  const dialogs = scriptedDialogs()

  const app = useApp({ dialogs, viewport: { width: 1280, height: 800 } })

  it('says what to do first, and names what it shows in the title', async () => {
    const { page } = app()
    await page.getByText('Open a Kaplan–Meier figure').waitFor()
    expect(await page.locator('.empty-canvas').textContent()).toContain('examples/bonner2006')
    expect(await page.title()).toBe('unsaved study — study — kmpool')
  })

  it('takes a shared origin in one click, and the four values in one tab sequence', async () => {
    const { page, menu } = app()
    dialogs.open.push(join(bonnerDir, 'figure.png'))
    await menu('open-figure')
    await page.getByText('Opened figure.png').waitFor()
    const at = await toPage(page)
    const click = (p: { px: number; py: number }) =>
      page.mouse.click(at(p.px, p.py).x, at(p.px, p.py).y)
    // Each point placed hands the focus to its value field: click, type, click, type.
    await click(origin)
    expect(await focusedLabel(page)).toBe('X1 (time axis) value')
    await click(x2)
    expect(await focusedLabel(page)).toBe('X2 (time axis) value')
    // The origin again: Y1 goes there too, and the status bar says so.
    await click(origin)
    expect(await statusText(page)).toContain('Y1 placed on X1')
    expect(await focusedLabel(page)).toBe('Y1 (survival axis) value')
    await click(y2)
    expect(await focusedLabel(page)).toBe('Y2 (survival axis) value')
    await screenshot(page, 'first-hour-shared-origin')

    // "0 Tab 70 Tab 0 Tab 100": each value in its own field.
    await page.getByLabel('X1 (time axis) value').click()
    for (const [i, value] of ['0', '70', '0', '100'].entries()) {
      if (i > 0) await page.keyboard.press('Tab')
      await page.keyboard.type(value)
    }
    await page.getByText('Calibrated. Check that the dashed gridlines').waitFor()
    for (const [key, value] of [
      ['X2 (time axis)', '70'],
      ['Y1 (survival axis)', '0'],
      ['Y2 (survival axis)', '100'],
    ]) {
      expect(await page.getByLabel(`${key} value`).inputValue()).toBe(value)
    }
    expect(await page.getByLabel('Survival values').inputValue()).toBe('percent')
    // Enter on a complete calibration hands the focus back to the figure, for the tool keys.
    await page.keyboard.press('Enter')
    expect(await focusedLabel(page)).toBe('Figure')

    // A click on a placed point selects it, and says so, and leaves the focus for the arrow keys.
    await click(x2)
    expect(await statusText(page)).toContain('Selected X2 (nothing placed)')
    expect(await focusedLabel(page)).toBe('Figure')
    expect(app().errors).toEqual([])
  })

  it('refuses a calibration with an empty value, with the reason', async () => {
    const { page } = app()
    await page.getByLabel('Y2 (survival axis) value').fill('')
    const status = page.locator('.panel-section .status')
    await status.getByText('Type the value of Y2 (survival axis)').waitFor()
    expect(await status.textContent()).toContain('not used until all four have one')
    await screenshot(page, 'first-hour-empty-value')
    await page.getByLabel('Y2 (survival axis) value').fill('100')
    await page.getByText('Calibrated. Check that the dashed gridlines').waitFor()
  })

  it("offers risk-table rows at the figure's ticks and places a pasted row where it says", async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Add curve' }).click()
    await page.getByRole('tab', { name: '3 Risk table' }).click()
    const every = page.getByLabel('Rows every (months)')
    expect(await every.inputValue()).toBe('10')
    expect(await page.getByTestId('risk-step-source').textContent()).toBe("from the figure's ticks")
    for (const t of [0, 10, 70]) await page.getByLabel(`At risk at ${t}`, { exact: true }).waitFor()
    expect(await page.getByLabel('At risk at 5', { exact: true }).count()).toBe(0)

    // A row of 10 numbers on an axis with 8 ticks: every number placed, the last two after the
    // axis's end, and said.
    const counts = [213, 180, 122, 101, 80, 66, 51, 30, 20, 10]
    await paste(page, 'At risk at 0', `Radiotherapy ${counts.join(' ')}`)
    const notice = (await statusText(page)) ?? ''
    expect(notice).toContain('Pasted 10 numbers at risk at 0, 10, 20 … 90 months')
    expect(notice).toContain('2 of them fall after the end of the time axis (70 months)')
    // The row's label names the curve, which had only kmpool's name.
    expect(notice).toContain('Arm 1 is now named Radiotherapy')
    await page.getByRole('tab', { name: 'Radiotherapy', exact: true }).waitFor()
    expect(await page.locator('.risk-row.pasted').count()).toBe(10)
    expect(await page.locator('.risk-row.beyond').count()).toBe(2)
    for (const [i, n] of counts.entries()) {
      expect(await page.getByLabel(`At risk at ${i * 10}`, { exact: true }).inputValue()).toBe(
        String(n),
      )
    }
    await screenshot(page, 'first-hour-risk-pasted')

    // Enter and Tab go down the At-risk column.
    await page.getByLabel('At risk at 0', { exact: true }).focus()
    await page.keyboard.press('Enter')
    expect(await focusedLabel(page)).toBe('At risk at 10')
    await page.keyboard.press('Tab')
    expect(await focusedLabel(page)).toBe('At risk at 20')
    await page.keyboard.press('Shift+Tab')
    expect(await focusedLabel(page)).toBe('At risk at 10')

    // The spacing is one field: the table's rows follow it.
    await page.getByRole('button', { name: 'Clear table' }).click()
    await every.fill('5')
    await every.press('Enter')
    await page.getByLabel('At risk at 5', { exact: true }).waitFor()
    expect(await page.getByTestId('risk-step-source').textContent()).toBe('as typed')
    expect(app().errors).toEqual([])
  })

  it('fills and names both arms from one paste of the published table, and a typed row', async () => {
    const { page } = app()
    const every = page.getByLabel('Rows every (months)')
    await every.fill('10')
    await every.press('Enter')
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Add curve' }).click()
    await page.getByRole('tab', { name: '3 Risk table' }).click()
    // As printed under the figure: one line per arm, label first.
    const table =
      'Number at risk\nRadiotherapy 213 122 80 51 30 10\nRadiotherapy plus cetuximab 211 143 101 66 35 9'
    await paste(page, 'At risk at 0', table)
    const notice = (await statusText(page)) ?? ''
    expect(notice).toContain('Pasted 2 rows: Radiotherapy 6 numbers at 0, 10, 20 … 50 months')
    expect(notice).toContain('Radiotherapy plus cetuximab (was Arm 2) 6 numbers')
    expect(notice).toContain('check the names against the legend')
    for (const [arm, counts] of [
      ['Radiotherapy', [213, 122, 80, 51, 30, 10]],
      ['Radiotherapy plus cetuximab', [211, 143, 101, 66, 35, 9]],
    ] as const) {
      await page.getByRole('tab', { name: arm, exact: true }).click()
      await page.getByRole('table', { name: `Risk table of ${arm}` }).waitFor()
      for (const [i, n] of counts.entries()) {
        await expect
          .poll(() => page.getByLabel(`At risk at ${i * 10}`, { exact: true }).inputValue())
          .toBe(String(n))
      }
      expect(await page.locator('.risk-row.pasted').count()).toBe(6)
    }
    await screenshot(page, 'first-hour-risk-both-arms')

    // The message belongs to the paste: the next gesture elsewhere ends it.
    await page.getByRole('tab', { name: 'Radiotherapy', exact: true }).click()
    expect(await page.locator('.statusbar .notice').count()).toBe(0)

    // A row typed as printed, Enter: placed like a paste, one undo step.
    await page.getByRole('button', { name: 'Clear table' }).click()
    const first = page.getByLabel('At risk at 0', { exact: true })
    await first.fill('Radiotherapy 213 122 80 51 30 10')
    await first.press('Enter')
    await page.getByText('Pasted 6 numbers at risk at 0, 10, 20 … 50 months').waitFor()
    await expect.poll(() => first.inputValue()).toBe('213')
    expect(await page.getByLabel('At risk at 50', { exact: true }).inputValue()).toBe('10')
    expect(await first.getAttribute('aria-invalid')).toBe('false')
    expect(app().errors).toEqual([])
  })

  it('names the reference arm once, and shows the hazard ratio against it with n per arm', async () => {
    const { page, menu } = app()
    page.once('dialog', (d) => void d.accept())
    dialogs.open.push(join(repoRoot, 'examples/bonner2006.kmstudy'))
    await menu('open-study')
    const card = page.getByRole('article', { name: 'Comparison' })
    await card
      .getByRole('heading', { name: 'Radiotherapy plus cetuximab vs Radiotherapy' })
      .waitFor()
    expect(await card.locator('[data-stat="hr-n"]').textContent()).toBe(
      'Radiotherapy plus cetuximab 211 · Radiotherapy 213 (reference)',
    )
    const hr = Number(await card.locator('[data-stat="hr"]').getAttribute('data-hr'))
    expect(await card.getByText('Not chosen yet: the first curve is used.').count()).toBe(1)
    await screenshot(page, 'first-hour-reference-arm')

    await card
      .getByLabel('Reference (control) arm')
      .selectOption({ label: 'Radiotherapy plus cetuximab' })
    await card
      .getByRole('heading', { name: 'Radiotherapy vs Radiotherapy plus cetuximab' })
      .waitFor()
    await page.waitForFunction((before) => {
      const el = document.querySelector<HTMLElement>('[data-stat="hr"]')
      return el !== null && Math.abs(Number(el.dataset.hr) * before - 1) < 1e-6
    }, hr)
    // The same choice in tab 4, where the study record is.
    await page.getByRole('tab', { name: '4 Study' }).click()
    expect(
      await page
        .getByRole('region', { name: 'Study record' })
        .getByLabel('Reference (control) arm')
        .evaluate((el: HTMLSelectElement) => el.selectedOptions[0].textContent),
    ).toBe('Radiotherapy plus cetuximab')
    expect(app().errors).toEqual([])
  })
})

describe('the study view laid out at 1280 × 800 and at 1920 × 1080', () => {
  const dialogs = scriptedDialogs()

  const app = useApp({ dialogs, viewport: { width: 1280, height: 800 } })

  const fitted = (page: Page) =>
    page.locator('.figure-canvas').evaluate((el: HTMLElement) => ({
      scale: Number(el.dataset.scale),
      x: Number(el.dataset.x),
      width: el.clientWidth,
    }))

  it('keeps the toolbar on one row, the risk columns reachable, and refits the figure', async () => {
    const { page, menu } = app()
    dialogs.open.push(join(repoRoot, 'examples/bonner2006.kmstudy'))
    await menu('open-study')
    await page.getByRole('article', { name: 'Comparison' }).waitFor()
    const toolbar = (await page.locator('.toolbar').boundingBox())!
    expect(toolbar.height).toBeLessThan(50)
    // The last numbers-at-risk column is inside the panel, or the table scrolls to it.
    const risk = page.locator('.results .mini-scroll').first()
    const fits = await risk.evaluate((el) => {
      const panel = el.closest('.results')!.getBoundingClientRect()
      const last = el.querySelector('tr:last-child td:last-child')!.getBoundingClientRect()
      return last.right <= panel.right || getComputedStyle(el).overflowX === 'auto'
    })
    expect(fits).toBe(true)
    await screenshot(page, 'first-hour-1280')

    const before = await fitted(page)
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.waitForFunction(
      (scale) =>
        Number(document.querySelector<HTMLElement>('.figure-canvas')?.dataset.scale) > scale,
      before.scale,
    )
    // Fitted again: the figure fills the wider canvas, not 85% of it in a corner.
    const after = await fitted(page)
    expect(after.width).toBeGreaterThan(before.width)
    await screenshot(page, 'first-hour-1920')

    // The reconstruction panel resizes: dragged wider, or with the arrow keys, and the figure
    // refits to what is left.
    const panel = page.locator('.results')
    const wide = (await panel.boundingBox())!.width
    const splitter = page.getByRole('separator', { name: 'Width of the reconstruction panel' })
    const handle = (await splitter.boundingBox())!
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 200)
    await page.mouse.down()
    await page.mouse.move(handle.x - 150, handle.y + 200, { steps: 5 })
    await page.mouse.up()
    await expect.poll(async () => (await panel.boundingBox())!.width).toBeGreaterThan(wide + 140)
    await splitter.focus()
    await page.keyboard.press('ArrowRight')
    const narrower = (await panel.boundingBox())!.width
    expect(narrower).toBeLessThan(wide + 150)
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(Math.round(narrower))
    await screenshot(page, 'first-hour-resized')
    expect(app().errors).toEqual([])
  })

  it("exports the digitized points in WebPlotDigitizer's CSV layout", async () => {
    const { page } = app()
    const target = join(work, 'bonner-points.csv')
    dialogs.save.push(target)
    await page.locator('details.menu summary').click()
    await page.getByRole('button', { name: 'Digitized points (WebPlotDigitizer CSV)' }).click()
    await page.getByText('Exported bonner-points.csv').waitFor()
    const [names, axes, first] = readFileSync(target, 'utf8').split('\n')
    expect(names).toBe('Radiotherapy,,Radiotherapy plus cetuximab,')
    expect(axes).toBe('X,Y,X,Y')
    expect(first.split(',')).toHaveLength(4)
  })
})

describe('the review view: the read-only example, fresh messages, an empty review', () => {
  const dialogs = scriptedDialogs()
  const examples = join(work, 'examples')
  const reviewDir = join(examples, 'metastasectomy')

  const app = useApp(withExampleReview(examples, dialogs, { width: 1280, height: 800 }))

  it('opens the example on first start, says what it is and what to do next', async () => {
    const { page } = app()
    await page.locator('[data-pooled="overall:60"]').waitFor()
    const notice = (await page.locator('.statusbar .notice').textContent()) ?? ''
    expect(notice).toContain('Opened the example review (14 studies; read-only')
    expect(notice).toContain('Study → Open figure')
    expect(await page.title()).toBe(
      'metastasectomy.kmreview (example, read-only) — review — kmpool',
    )
    // Each Open button names its study.
    await page.getByRole('button', { name: 'Open Albers 2009' }).waitFor()
    await screenshot(page, 'first-hour-example')
  })

  it('words its tables plainly, says which median is which, and shows a single study as itself', async () => {
    const { page } = app()
    const body = (await page.locator('.review-body').textContent()) ?? ''
    for (const code of [
      'ci-lower-half',
      'ci-log',
      'range-hozo',
      'range-qe',
      'greenwood (',
      'studies[]',
      'eigenvalue(s)',
    ])
      expect(body, code).not.toContain(code)
    const hr = page.getByRole('table', { name: 'Hazard ratio table' })
    await hr.getByText('Liver: one study, not pooled').waitFor()
    expect(await hr.textContent()).not.toMatch(/Pooled: Liver/)
    expect(await hr.textContent()).toMatch(/\(n = \d+, reference\)/)
    const median = page.getByRole('region', { name: 'Median survival' })
    expect(await median.textContent()).toContain('the one definition this table uses')
    expect(await median.textContent()).toContain('median of the pooled curve†')
    expect(await median.textContent()).not.toContain('NR–NR')
    // Cells with more to say take the focus and hold their text, not only a hover title.
    const detail = page.locator('.review-table td.has-detail').first()
    expect(await detail.getAttribute('tabindex')).toBe('0')
    expect((await detail.locator('.cell-detail').textContent())?.length).toBeGreaterThan(3)
    await detail.focus()
    await screenshot(page, 'first-hour-cell-focus')
  })

  it('has landmarks and a skip link to the pooling settings', async () => {
    const { page } = app()
    // Tab from the top of the page, as after a fresh start.
    await page.evaluate(() => {
      const top = document.createElement('span')
      top.tabIndex = -1
      document.body.prepend(top)
      top.focus()
      top.remove()
    })
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to the pooling settings',
    )
    await page.keyboard.press('Enter')
    expect(
      await page.evaluate(() => document.activeElement?.classList.contains('review-settings')),
    ).toBe(true)
    for (const role of ['main', 'navigation', 'contentinfo'] as const)
      expect(await page.getByRole(role).count(), role).toBeGreaterThan(0)
  })

  it('never writes the bundled example: a label change offers a copy, Cancel changes nothing', async () => {
    const { page } = app()
    const file = join(reviewDir, 'studies/albers-2009.kmstudy')
    const before = readFileSync(file, 'utf8')
    const label = page.getByRole('textbox', { name: 'Label of studies/albers-2009.kmstudy' })
    await label.fill('Albers 2009 (edited)')
    await label.press('Enter')
    const prompt = page.getByRole('alertdialog', { name: 'The example review is read-only' })
    await prompt.waitFor()
    await screenshot(page, 'first-hour-read-only')
    await prompt.getByRole('button', { name: 'Cancel' }).click()
    expect(readFileSync(file, 'utf8')).toBe(before)

    // Save a copy: the change goes into the copy, the example stays as it was.
    const copy = join(work, 'my-review')
    dialogs.save.push(copy)
    await label.fill('Albers 2009 (edited)')
    await label.press('Enter')
    await page.getByRole('button', { name: 'Save a copy…' }).click()
    await page.getByText('Saved a copy of the example review').waitFor()
    await expect
      .poll(
        () =>
          parseStudyFile(readFileSync(join(copy, 'studies/albers-2009.kmstudy'), 'utf8'), 'a')
            .record.label,
      )
      .toBe('Albers 2009 (edited)')
    expect(readFileSync(file, 'utf8')).toBe(before)
    expect(await page.title()).toBe('metastasectomy.kmreview — review — kmpool')
    expect(app().errors).toEqual([])
  })

  it('clears "Wrote … files" once the review changes', async () => {
    const { page } = app()
    dialogs.save.push(join(work, 'results'))
    await page.getByRole('button', { name: 'Export results…' }).click()
    await page.getByText(/Wrote \d+ files to results/).waitFor({ timeout: 60_000 })
    await page.getByRole('radio', { name: 'DL', exact: true }).click()
    await page.getByText(/Wrote \d+ files/).waitFor({ state: 'detached' })
    // The CSV files speak words too, and their numbers carry no float noise.
    const medians = readFileSync(join(work, 'results', 'median_table.csv'), 'utf8')
    expect(medians).not.toMatch(/ci-(lower|upper)-half|range-hozo|\bci-log\b/)
    const ipd = readFileSync(join(work, 'results', 'ipd.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
    for (const line of ipd) {
      const time = line.split(',').at(-2)!
      expect(time.replace(/^0\.0*|\./g, '').length, time).toBeLessThanOrEqual(10)
    }
  })

  it('shows an empty review without error-like notes', async () => {
    const { page } = app()
    page.once('dialog', (d) => void d.accept())
    dialogs.save.push(join(work, 'empty.kmreview'))
    await page.getByRole('button', { name: 'New review' }).click()
    await page.getByText('This review has no studies yet.').waitFor()
    expect(await page.locator('.review-body [role="alert"]').count()).toBe(0)
    expect(await page.locator('.review-body').textContent()).not.toContain('no study covers')
    await screenshot(page, 'first-hour-empty-review')

    // Its first study publishes a median only: the forest plot shows that outcome, not an empty
    // survival outcome.
    dialogs.open.push(join(work, 'examples/metastasectomy/studies/nakamura-2021.kmstudy'))
    await page.getByRole('button', { name: 'Add study…' }).click()
    const outcome = page.getByLabel('Outcome', { exact: true })
    await outcome.waitFor()
    await expect.poll(() => outcome.inputValue()).toBe('median')
    await screenshot(page, 'first-hour-first-study')
    expect(app().errors).toEqual([])
  })
})
