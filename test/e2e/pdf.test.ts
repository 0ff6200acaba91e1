/// <reference lib="dom" />
/**
 * A PDF page as the figure, end to end, on the lung fixture (an R-made PDF whose two arms are
 * vector paths): open it through File → Open figure, choose page 1 at scale 2, calibrate by
 * clicking the fixture's axis pixels, read the vector curves, add both, type the risk tables and
 * read a hazard ratio within 5% of the one of the fixture's own IPD.
 * Screenshots: test-artifacts/e2e/pdf-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { coxTwoGroup } from '../../src/shared/survival'
import { screenshot, scriptedDialogs, useApp } from './harness'
import { calibrateByClicking, paste, pointCount } from './figureView'
import { repoRoot } from './paths'

const fixtures = join(repoRoot, 'test/fixtures/pdf')
const lung = JSON.parse(readFileSync(join(fixtures, 'lung.json'), 'utf8'))
const cal = lung.calibration
// X1 and Y1 are the same pixel (the origin); a second press there would drag X1, so Y1 is taken
// halfway up the survival axis, at survival 0.5.
const y1 = { px: cal.y1.px, py: (cal.y1.py + cal.y2.py) / 2, value: 0.5 }
const arms = ['Female', 'Male'] as const
type Arm = {
  color: string
  ipd: { time: number[]; status: number[] }
  risk: { time: number[]; n_risk: number[] }
}
const arm = (name: string) => lung.arms[name] as Arm

function truthHr(): number {
  const [a, b] = arms.map(arm)
  const fit = coxTwoGroup(
    [...a.ipd.time, ...b.ipd.time],
    [...a.ipd.status, ...b.ipd.status],
    [...a.ipd.time.map(() => arms[0]), ...b.ipd.time.map(() => arms[1])],
    { ref: arms[0] },
  )
  return fit.hr!
}

describe('a PDF page as the figure, on the lung fixture', () => {
  const dialogs = scriptedDialogs()

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } })

  it('says clearly when the PDF cannot be read', async () => {
    const { page, menu } = app()
    dialogs.open.push(join(fixtures, 'encrypted.pdf'))
    await menu('open-figure')
    await page
      .getByRole('alert')
      .filter({ hasText: 'encrypted.pdf: the PDF is protected by a password' })
      .waitFor()
  })

  it('opens the PDF, previews page 1, lets a crop be drawn and undone, and takes the page', async () => {
    const { page, menu } = app()
    dialogs.open.push(join(fixtures, 'lung.pdf'))
    await menu('open-figure')
    const chooser = page.getByRole('dialog', { name: 'Figure from lung.pdf' })
    await chooser.waitFor()
    await chooser.getByRole('img', { name: 'Page 1 of lung.pdf' }).waitFor()
    expect(await chooser.getByLabel('Page').inputValue()).toBe('1')
    expect(await chooser.getByLabel('Scale').inputValue()).toBe('2')
    await chooser.getByText(/will be 1152×864 px/).waitFor()

    const box = (await chooser.getByRole('img').boundingBox())!
    await page.mouse.move(box.x + 20, box.y + 20)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    await chooser.getByLabel('Crop').waitFor()
    await screenshot(page, 'pdf-1-chooser')
    await chooser.getByRole('button', { name: 'Whole page' }).click()
    await chooser.getByText(/will be 1152×864 px/).waitFor()

    await chooser.getByRole('button', { name: 'Use this page' }).click()
    await page.getByText(/Opened lung\.pdf, page 1 \(1152×864 px\)/).waitFor()
    await page.locator('.figure-canvas canvas').first().waitFor()
    expect(await chooser.count()).toBe(0)
  })

  it('calibrates the page by clicking the axis pixels', async () => {
    const { page } = app()
    await calibrateByClicking(page, { x1: cal.x1, x2: cal.x2, y1, y2: cal.y2 })
  })

  it('reads both curves from the page’s vector paths and adds them as points', async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Read vector curves' }).click()
    await page.getByText(/Read 2 vector curves from the page/).waitFor()
    const offers = page.getByRole('list', { name: 'Suggested curves' })
    await screenshot(page, 'pdf-2-vector-offers')
    for (const name of arms) {
      await offers.getByRole('button', { name: `Add the ${arm(name).color} curve` }).click()
      await page.getByLabel('Name of the active curve').fill(name)
      await page.getByLabel('Name of the active curve').press('Enter')
    }
    for (const name of arms) expect(await pointCount(page, name)).toBeGreaterThan(50)
    await expect.poll(() => page.getByText(/censor mark/).count()).toBe(2)
    // Adding a curve is one undo step: undoing back past the second curve never leaves it
    // half made (there without its points), and redo brings it back whole.
    const curves = page.getByRole('button', { name: / · \d+ points/ })
    let undone = 0
    while ((await curves.count()) === 2) {
      await page.getByRole('button', { name: 'Undo' }).click()
      undone++
      const counts = await curves.allTextContents()
      if (counts.length === 2)
        expect(Number(/(\d+) points/.exec(counts[1])![1])).toBeGreaterThan(50)
    }
    expect(undone).toBeLessThanOrEqual(2)
    for (let i = 0; i < undone; i++) await page.getByRole('button', { name: 'Redo' }).click()
    expect(await pointCount(page, 'Male')).toBeGreaterThan(50)
  })

  it('takes both risk tables and gives a hazard ratio within 5% of the truth', async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '3 Risk table' }).click()
    for (const name of arms) {
      const { time, n_risk } = arm(name).risk
      await page.getByRole('tab', { name, exact: true }).click()
      await paste(page, 'At risk at 0', time.map((t, i) => `${t},${n_risk[i]}`).join('\n'))
    }
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('.figure-canvas')?.dataset.current === 'true',
    )
    const hr = page.locator('[data-stat="hr"]')
    await hr.waitFor()
    const value = await hr.evaluate((el: HTMLElement) => Number(el.dataset.hr))
    expect(Math.abs(value / truthHr() - 1)).toBeLessThan(0.05)
    await screenshot(page, 'pdf-3-results')
    expect(app().errors).toEqual([])
  })
})
