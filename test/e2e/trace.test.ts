/// <reference lib="dom" />
/**
 * Automatic tracing end to end, on the lung case (two coloured arms with censor marks): open the
 * figure, calibrate by clicking the truth's axis pixels, let the app suggest the curves and add
 * them (traced), check the eyedropper, the mask brush and the tracer's messages, type both risk
 * tables and read a hazard ratio close to the truth's. Screenshots: test-artifacts/e2e/trace-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { survivalAxes } from '../../src/shared/calibration/axes'
import { kaplanMeier } from '../../src/shared/survival'
import { deltaE, parseColor, rgbToLab } from '../../src/shared/trace'
import { screenshot, scriptedDialogs, useApp } from './harness'
import { calibrateByClicking, paste, pointCount, reconstructed, toPage } from './figureView'
import { repoRoot } from './paths'

const caseDir = join(repoRoot, '../shared/cases/lung')
const truth = JSON.parse(readFileSync(join(caseDir, 'truth.json'), 'utf8'))
const cal = truth.calibration
// The truth's X1 and Y1 are the same pixel (the origin); a second press there would drag X1, so
// Y1 is taken halfway up the survival axis, at survival 0.5.
const y1 = { px: cal.y1.px, py: (cal.y1.py + cal.y2.py) / 2, value: 0.5 }
const axes = survivalAxes({ x1: cal.x1, x2: cal.x2, y1, y2: cal.y2, yScale: 'proportion' })
const arms = ['Female', 'Male'] as const
const colorOf = (arm: string) => parseColor(truth.curveColors[arm])
const risk = (arm: string) =>
  readFileSync(join(caseDir, 'arms', arm, 'risk.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .join('\n')

/** The middle of the Male arm's longest plateau, where only its line is: for the eyedropper. */
function malePlateau(): { px: number; py: number } {
  const rows = readFileSync(join(caseDir, 'truth_ipd.csv'), 'utf8').trim().split('\n').slice(1)
  const male = rows.map((r) => r.split(',')).filter((c) => c[2] === '"Male"')
  const fit = kaplanMeier(
    male.map((c) => Number(c[0])),
    male.map((c) => Number(c[1])),
  )
  let best = { gap: 0, time: 0, surv: 1 }
  const times = [0, ...fit.time]
  const surv = [1, ...fit.surv]
  for (let i = 0; i + 1 < times.length; i++) {
    if (surv[i] < 0.3) break
    if (times[i + 1] - times[i] > best.gap) {
      best = { gap: times[i + 1] - times[i], time: (times[i] + times[i + 1]) / 2, surv: surv[i] }
    }
  }
  return axes.toPixel(best.time, best.surv)
}

describe('automatic tracing, on the lung case', () => {
  const dialogs = scriptedDialogs()

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } })

  it('opens and calibrates the figure by clicking the axis pixels', async () => {
    const { page, menu } = app()
    dialogs.open.push(join(caseDir, 'figure.png'))
    await menu('open-figure')
    await page.getByText('Opened figure.png').waitFor()
    await page.locator('.figure-canvas canvas').first().waitFor()
    await calibrateByClicking(page, { x1: cal.x1, x2: cal.x2, y1, y2: cal.y2 })
  })

  it('suggests one curve per arm, in the arms’ colours, and adds them traced', async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Suggest curves' }).click()
    const offers = page.getByRole('list', { name: 'Suggested curves' })
    await offers.waitFor()
    await page.getByText(/Found 2 curves/).waitFor()
    const labels = await offers
      .getByRole('button', { name: /^Add the #/ })
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')!))
    const found = labels.map((l) => /#[0-9a-f]{6}/.exec(l)![0])
    expect(found).toHaveLength(2)
    await screenshot(page, 'trace-1-suggested')

    // Added in arm order (the hazard ratio is the second curve against the first), each the
    // offer nearest the truth's colour.
    for (const arm of arms) {
      const lab = rgbToLab(...colorOf(arm))
      const nearest = found.reduce((a, b) =>
        deltaE(rgbToLab(...parseColor(a)), lab) <= deltaE(rgbToLab(...parseColor(b)), lab) ? a : b,
      )
      expect(deltaE(rgbToLab(...parseColor(nearest)), lab)).toBeLessThan(10)
      await page.getByRole('button', { name: `Add the ${nearest} curve` }).click()
      await page.getByLabel('Name of the active curve').fill(arm)
      await page.getByLabel('Name of the active curve').press('Enter')
    }
    for (const arm of arms) expect(await pointCount(page, arm)).toBeGreaterThan(20)
    // Each curve's row counts its marks (its trace's notes may speak of marks too).
    const marks = page.locator('.curve-row .curve-marks').filter({ hasText: /censor mark/ })
    await expect.poll(() => marks.count()).toBe(2)
    await reconstructed(page)
    await screenshot(page, 'trace-2-traced')
  })

  it('retraces a curve with its Trace button in the worker, as one undo step', async () => {
    const { page } = app()
    await page.getByRole('button', { name: /^Female · / }).click()
    const traced = await pointCount(page, 'Female')
    await page
      .getByRole('row')
      .filter({ has: page.getByLabel('Time of point 3') })
      .click()
    await page.getByRole('button', { name: 'Delete point' }).click()
    expect(await pointCount(page, 'Female')).toBe(traced - 1)
    await page.getByRole('button', { name: 'Trace Female' }).click()
    const notice = page.getByText(/^Traced Female: \d+ points, \d+ censor marks? \(\d+ ms\)/)
    await notice.waitFor()
    expect(await pointCount(page, 'Female')).toBe(traced)
    // A 1400×1000 figure traces in well under a second off the interface thread (the 100 ms
    // budget is the benchmark's; a loaded test machine gets slack here).
    const ms = Number(/\((\d+) ms\)/.exec((await notice.textContent())!)![1])
    expect(ms).toBeLessThan(1000)
    await page.getByRole('button', { name: 'Undo' }).click()
    expect(await pointCount(page, 'Female')).toBe(traced - 1)
    await page.getByRole('button', { name: 'Redo' }).click()
    expect(await pointCount(page, 'Female')).toBe(traced)
  })

  it('picks a curve colour with the eyedropper', async () => {
    const { page } = app()
    await page.getByRole('button', { name: /^Male · / }).click()
    await page.getByLabel('Colour of Male').fill('#000000')
    await page.getByRole('radio', { name: 'Eyedropper' }).click()
    const p = malePlateau()
    const at = await toPage(page)
    await page.mouse.click(at(p.px, p.py).x, at(p.px, p.py).y)
    await page.getByText(/picked for Male/).waitFor()
    const picked = await page.getByLabel('Colour of Male').inputValue()
    expect(deltaE(rgbToLab(...parseColor(picked)), rgbToLab(...colorOf('Male')))).toBeLessThan(10)
    await page.getByRole('button', { name: 'Trace Male' }).click()
    await page.getByText(/^Traced Male: /).waitFor()
  })

  it('says clearly when a colour is the background or has no pixels', async () => {
    const { page } = app()
    await page.getByRole('button', { name: 'Add curve' }).click()
    await page.getByLabel('Colour of Arm 3').fill('#ffffff')
    await page.getByRole('button', { name: 'Trace Arm 3' }).click()
    const alert = page.getByRole('alert')
    await alert.filter({ hasText: 'background' }).waitFor()
    expect(await alert.textContent()).toContain('Cannot trace Arm 3')
    await screenshot(page, 'trace-3-background-message')
    await page.getByLabel('Colour of Arm 3').fill('#00ff00')
    await page.getByRole('button', { name: 'Trace Arm 3' }).click()
    await alert.filter({ hasText: 'no pixels of colour #00ff00' }).waitFor()
    await page.getByRole('button', { name: 'Remove Arm 3' }).click()
  })

  it('paints and erases the mask, each stroke one undo step', async () => {
    const { page } = app()
    await page.getByRole('radio', { name: 'Mask' }).click()
    const at = await toPage(page)
    // Over the legend's corner of the plot, well away from the curves' starts.
    const from = at(1100, 150)
    const to = at(1300, 200)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(to.x, to.y, { steps: 8 })
    await page.mouse.up()
    const clear = page.getByRole('button', { name: 'Clear mask' })
    expect(await clear.isEnabled()).toBe(true)
    await screenshot(page, 'trace-4-mask')
    await page.getByRole('button', { name: 'Undo' }).click()
    expect(await clear.isEnabled()).toBe(false)
    await page.getByRole('button', { name: 'Redo' }).click()
    expect(await clear.isEnabled()).toBe(true)
    await page.getByRole('radio', { name: 'Select' }).click()
  })

  it('takes both risk tables and gives a hazard ratio within 10% of the truth', async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '3 Risk table' }).click()
    for (const arm of arms) {
      await page.getByRole('tab', { name: arm, exact: true }).click()
      await paste(page, 'At risk at 0', risk(arm))
    }
    await reconstructed(page)
    const hr = page.locator('[data-stat="hr"]')
    await hr.waitFor()
    const value = await hr.evaluate((el: HTMLElement) => Number(el.dataset.hr))
    expect(Math.abs(value / truth.hr.hr - 1)).toBeLessThan(0.1)
    await screenshot(page, 'trace-5-results')
    expect(app().errors).toEqual([])
  })
})
