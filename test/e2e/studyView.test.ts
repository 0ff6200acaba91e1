/// <reference lib="dom" />
/**
 * The study view end to end, as a reviewer uses it on the Bonner 2006 figure: open, calibrate
 * (a collinear calibration refused first), digitize both curves by clicking, enter both risk
 * tables, read the hazard ratio, save, reopen, undo and redo a drag, export. Each step leaves a
 * screenshot in test-artifacts/e2e/walkthrough-*.png (the README's walkthrough uses them).
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { survivalAxes } from '../../src/shared/calibration/axes'
import { readPointsFile } from '../../src/shared/formats/pointsFile'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import type { Study } from '../../src/shared/model/study'
import { reconstructStudy, studyReconstructionInput } from '../../src/shared/study/reconstructStudy'
import { screenshot, scriptedDialogs, useApp } from './harness'
import { paste, reconstructed, toPage } from './figureView'
import { repoRoot } from './paths'

const bonnerDir = join(repoRoot, '../shared/trials/bonner2006')
const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-'))

// The figure's axis ticks, measured on the image (as tools/examples/buildExamples.ts has them).
const calibration = {
  x1: { px: 120.5, py: 224, value: 0 },
  x2: { px: 394.5, py: 224, value: 70 },
  y1: { px: 120.5, py: 224, value: 0 },
  y2: { px: 120.5, py: 36, value: 100 },
  yScale: 'percent' as const,
}
const axes = survivalAxes(calibration)

function shippedPoints(file: string) {
  return readPointsFile(readFileSync(join(bonnerDir, file), 'utf8'), file).points
}

const arms = [
  {
    name: 'Radiotherapy',
    points: shippedPoints('radiotherapy_points.csv'),
    risk: [213, 122, 80, 51, 30, 10],
  },
  {
    name: 'Radiotherapy plus cetuximab',
    points: shippedPoints('radiotherapy_cetuximab_points.csv'),
    risk: [211, 143, 101, 66, 35, 9],
  },
]

async function hazardRatio(page: Page) {
  const hr = page.locator('[data-stat="hr"]')
  await hr.waitFor()
  return hr.evaluate((el: HTMLElement) => ({
    hr: Number(el.dataset.hr),
    lower: Number(el.dataset.lower),
    upper: Number(el.dataset.upper),
  }))
}

describe('the study view, on the Bonner 2006 figure', () => {
  const dialogs = scriptedDialogs()
  const saved = join(work, 'bonner.kmstudy')

  const app = useApp({ dialogs, viewport: { width: 1400, height: 860 } }, { work })

  it('opens the figure from File → Open Figure', async () => {
    const { page, menu } = app()
    dialogs.open.push(join(bonnerDir, 'figure.png'))
    await menu('open-figure')
    await page.getByText('Opened figure.png').waitFor()
    await page.locator('.figure-canvas canvas').first().waitFor()
    await screenshot(page, 'walkthrough-1-figure')
  })

  it('refuses a collinear calibration with a visible message, then takes dragged points', async () => {
    const { page } = app()
    let at = await toPage(page)
    const click = (px: number, py: number) => page.mouse.click(at(px, py).x, at(px, py).y)
    await click(calibration.x1.px, calibration.x1.py)
    await click(calibration.x2.px, calibration.x2.py)
    // Both survival-axis points on the time axis: no 2-D map exists.
    await click(250, 224)
    await click(330, 224)
    for (const [key, value] of [
      ['X1 (time axis)', '0'],
      ['X2 (time axis)', '70'],
      ['Y1 (survival axis)', '0'],
      ['Y2 (survival axis)', '100'],
    ]) {
      await page.getByLabel(`${key} value`).fill(value)
    }
    const refusal = page.getByRole('alert').filter({ hasText: 'Calibration refused' })
    await refusal.waitFor()
    expect(await refusal.textContent()).toContain('lie on one line')
    await screenshot(page, 'walkthrough-2-collinear-refused')

    at = await toPage(page)
    const drag = async (from: [number, number], to: [number, number]) => {
      await page.mouse.move(at(...from).x, at(...from).y)
      await page.mouse.down()
      await page.mouse.move(at(...to).x, at(...to).y, { steps: 5 })
      await page.mouse.up()
    }
    await drag([250, 224], [calibration.y1.px, calibration.y1.py])
    await drag([330, 224], [calibration.y2.px, calibration.y2.py])
    await page.getByText('Calibrated. Check that the dashed gridlines').waitFor()
    expect(await page.getByLabel('Survival values').inputValue()).toBe('percent')
    await screenshot(page, 'walkthrough-3-calibrated')
  })

  it('digitizes both curves by clicking', async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '2 Curves' }).click()
    for (const arm of arms) {
      await page.getByRole('button', { name: 'Add curve' }).click()
      await page.getByLabel('Name of the active curve').fill(arm.name)
      await page.getByLabel('Name of the active curve').press('Enter')
      const at = await toPage(page)
      for (const p of arm.points) {
        const { px, py } = axes.toPixel(p.time, p.surv)
        await page.mouse.click(at(px, py).x, at(px, py).y)
      }
    }
    await page.getByText(`${arms[1].name} · ${arms[1].points.length} points`).waitFor()
    await reconstructed(page)
    await screenshot(page, 'walkthrough-4-digitized')
  })

  it('takes both risk tables, pasted and typed, and shows an HR inside the published CI', async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '3 Risk table' }).click()
    await page.getByRole('tab', { name: arms[0].name, exact: true }).click()
    // A row of the published table, label and all, pasted into the first row.
    await paste(page, 'At risk at 0', `${arms[0].name}\t${arms[0].risk.join('\t')}`)
    await page.getByRole('tab', { name: arms[1].name, exact: true }).click()
    for (const [i, n] of arms[1].risk.entries()) {
      const field = page.getByLabel(`At risk at ${i * 10}`, { exact: true })
      await field.fill(String(n))
      await field.press('Enter')
    }
    await reconstructed(page)
    await screenshot(page, 'walkthrough-5-risk-tables')

    const { hr, lower, upper } = await hazardRatio(page)
    expect(hr).toBeGreaterThan(0.52)
    expect(hr).toBeLessThan(0.89)
    expect(lower).toBeLessThan(hr)
    expect(upper).toBeGreaterThan(hr)
    const radiotherapy = page.getByRole('article', {
      name: `Reconstruction of ${arms[0].name}`,
      exact: true,
    })
    expect(await radiotherapy.locator('[data-stat="n"]').textContent()).toBe('213')

    await page.getByRole('tab', { name: '4 Study' }).click()
    await page.getByLabel('Label').fill('Bonner 2006')
    const hrFields = page.getByRole('group', { name: 'Reported hazard ratio' })
    for (const [label, value] of [
      ['Estimate', '0.68'],
      ['95% CI lower', '0.52'],
      ['95% CI upper', '0.89'],
    ]) {
      await hrFields.getByLabel(label).fill(value)
      await hrFields.getByLabel(label).press('Enter')
    }
    await page.getByText('✓ within its CI').waitFor()
    await screenshot(page, 'walkthrough-6-results')
  })

  it('saves the study, and reopening gives exactly what was saved', async () => {
    const { page } = app()
    const before = await hazardRatio(page)
    dialogs.save.push(saved)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByText('Saved bonner.kmstudy').waitFor()
    const text = readFileSync(saved, 'utf8')
    const study: Study = parseStudyFile(text, saved)
    expect(study.record.label).toBe('Bonner 2006')
    // The panel's numbers are those of the shared function the CLI runs on the saved file.
    expect(reconstructStudy(studyReconstructionInput(study)).comparison).toMatchObject(before)
    expect(study.calibration?.yScale).toBe('percent')
    expect(study.curves.map((c) => c.points.length)).toEqual(arms.map((a) => a.points.length))
    expect(study.curves.map((c) => c.risk.map((r) => r.nRisk))).toEqual(arms.map((a) => a.risk))
    // Every clicked point is where the shipped point it was clicked for is, to a fraction of a
    // pixel (0.26 months and 0.53% survival per pixel on this figure).
    study.curves.forEach((curve, k) => {
      for (const p of curve.points) {
        const off = Math.min(
          ...arms[k].points.map((q) =>
            Math.max(Math.abs(p.time - q.time) / 0.05, Math.abs(p.surv - q.surv) / 0.003),
          ),
        )
        expect(off).toBeLessThan(1)
      }
    })

    dialogs.open.push(saved)
    await page.getByRole('button', { name: 'Open study' }).click()
    await page.getByText('Opened bonner.kmstudy').waitFor()
    await reconstructed(page)
    expect(await hazardRatio(page)).toEqual(before)
    const again = join(work, 'again.kmstudy')
    dialogs.save.push(again)
    await app().menu('save-as')
    await page.getByText('Saved again.kmstudy').waitFor()
    expect(readFileSync(again, 'utf8')).toBe(text)
  })

  it('undoes and redoes a drag as one step', async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('radio', { name: 'Select' }).click()
    const study = parseStudyFile(readFileSync(saved, 'utf8'), saved)
    const point = study.curves[0].points[60]
    const survival = page.getByLabel('Survival of point 61')
    const at = await toPage(page)
    const start = at(point.px, point.py)
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    for (let dy = 2; dy <= 16; dy += 2) await page.mouse.move(start.x, start.y + dy)
    await page.mouse.up()
    await reconstructed(page)
    const original = (point.surv * 100).toFixed(2)
    const dragged = await survival.inputValue()
    expect(Number(dragged)).toBeLessThan(Number(original) - 1)
    await screenshot(page, 'walkthrough-7-dragged')

    await page.keyboard.press('Control+z')
    await expect.poll(() => survival.inputValue()).toBe(String(Number(original)))
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => survival.inputValue()).toBe(dragged)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => survival.inputValue()).toBe(String(Number(original)))
  })

  it('exports the IPD, the KM summary and the figure with its overlay', async () => {
    const { page } = app()
    const exportAs = async (item: string, path: string) => {
      dialogs.save.push(path)
      await page.locator('details.menu summary').click()
      await page.getByRole('button', { name: item }).click()
      await page.getByText(`Exported ${path.split('/').pop()}`).waitFor()
    }
    await exportAs('IPD CSV (all curves)', join(work, 'ipd.csv'))
    const ipd = readFileSync(join(work, 'ipd.csv'), 'utf8').trim().split('\n')
    expect(ipd[0]).toBe('time,event,arm')
    expect(ipd).toHaveLength(1 + 213 + 211)
    expect(ipd.filter((l) => l.endsWith(',Radiotherapy plus cetuximab'))).toHaveLength(211)

    await exportAs('KM summary CSV', join(work, 'summary.csv'))
    const summary = readFileSync(join(work, 'summary.csv'), 'utf8')
    expect(summary).toMatch(/^study,subgroup,outcome,arm,n,events,median/)
    expect(summary).toContain('Bonner 2006,,OS,Radiotherapy plus cetuximab,211,')

    const png = join(repoRoot, 'test-artifacts/e2e/walkthrough-8-export.png')
    await exportAs('Figure with overlay (PNG)', png)
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
  })

  it('guards unsaved changes when the page would unload', async () => {
    const { page } = app()
    await page.locator('.figure-canvas').focus()
    await page.keyboard.press(']')
    await page.keyboard.press('Shift+ArrowUp')
    await page.waitForFunction(() => document.title.startsWith('•'))
    const asked = new Promise<string>((done) =>
      page.once('dialog', (dialog) => {
        done(dialog.type())
        void dialog.dismiss()
      }),
    )
    // Electron asks main on the same beforeunload (will-prevent-unload) when the window closes.
    void page.evaluate(() => location.reload()).catch(() => null)
    expect(await asked).toBe('beforeunload')
    await page.getByText('Radiotherapy plus cetuximab · 136 points').waitFor()
    expect(app().errors).toEqual([])
  })
})

describe('the study view, opening and navigating a figure', () => {
  const app = useApp({ viewport: { width: 1200, height: 800 } })

  const figure = readFileSync(join(bonnerDir, 'figure.png')).toString('base64')

  async function hand(kind: 'paste' | 'drop', name: string) {
    await app().page.evaluate(
      ({ kind, name, data }) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
        const transfer = new DataTransfer()
        transfer.items.add(new File([bytes], name, { type: 'image/png' }))
        const event =
          kind === 'paste'
            ? new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true })
            : new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
        window.dispatchEvent(event)
      },
      { kind, name, data: figure },
    )
  }

  it('opens an image pasted from the clipboard or dropped on the window', async () => {
    const { page } = app()
    await hand('paste', 'clipboard.png')
    await page.getByText('Opened pasted figure.png').waitFor()
    page.once('dialog', (dialog) => void dialog.accept())
    await hand('drop', 'dropped.png')
    await page.getByText('Opened dropped.png').waitFor()
    expect(app().errors).toEqual([])
  })

  it('zooms with the wheel about the pointer, pans with the middle button, fits', async () => {
    const { page } = app()
    const canvas = page.locator('.figure-canvas')
    const view = () =>
      canvas.evaluate((el: HTMLElement) => ({
        scale: Number(el.dataset.scale),
        x: Number(el.dataset.x),
        y: Number(el.dataset.y),
      }))
    const box = (await canvas.boundingBox())!
    const pointer = { x: box.x + 300, y: box.y + 250 }
    const before = await view()
    const under = (v: typeof before) => ({
      x: (pointer.x - box.x - v.x) / v.scale,
      y: (pointer.y - box.y - v.y) / v.scale,
    })
    await page.mouse.move(pointer.x, pointer.y)
    await page.mouse.wheel(0, -300)
    await expect.poll(async () => (await view()).scale).toBeGreaterThan(before.scale * 1.5)
    const zoomed = await view()
    // To within the pointer's rounding to whole screen pixels.
    expect(Math.abs(under(zoomed).x - under(before).x)).toBeLessThan(1 / before.scale)
    expect(Math.abs(under(zoomed).y - under(before).y)).toBeLessThan(1 / before.scale)

    await page.mouse.down({ button: 'middle' })
    await page.mouse.move(pointer.x - 120, pointer.y - 80, { steps: 4 })
    await page.mouse.up({ button: 'middle' })
    const panned = await view()
    expect(panned.x - zoomed.x).toBeCloseTo(-120, 0)
    expect(panned.y - zoomed.y).toBeCloseTo(-80, 0)

    await page.getByRole('button', { name: 'Fit' }).click()
    expect(await view()).toEqual(before)
    await page.getByRole('button', { name: '100%' }).click()
    expect((await view()).scale).toBe(1)
  })
})

describe('the study view, editing a saved example', () => {
  const dialogs = scriptedDialogs()
  const app = useApp({ dialogs, viewport: { width: 1400, height: 860 } })
  beforeAll(async () => {
    dialogs.open.push(join(repoRoot, 'examples/bonner2006.kmstudy'))
    await app().page.getByRole('button', { name: 'Open study' }).click()
    await app().page.getByText('Opened bonner2006.kmstudy').waitFor()
    await reconstructed(app().page)
  })

  const points = (name: string) =>
    app()
      .page.getByRole('button', { name: new RegExp(`^${name} · \\d+ points$`) })
      .textContent()

  it('box-selects and deletes points in one step, and undoes it', async () => {
    const { page } = app()
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('radio', { name: 'Select' }).click()
    const at = await toPage(page)
    // The radiotherapy curve between 20 and 30 months (survival 35–45%).
    const a = at(...(Object.values(axes.toPixel(20, 0.46)) as [number, number]))
    const b = at(...(Object.values(axes.toPixel(30, 0.35)) as [number, number]))
    await page.mouse.move(a.x, a.y)
    await page.mouse.down()
    await page.mouse.move(b.x, b.y, { steps: 5 })
    await page.mouse.up()
    const button = page.getByRole('button', { name: /^Delete \d+ points$/ })
    const selected = Number((await button.textContent())!.match(/\d+/)![0])
    expect(selected).toBeGreaterThan(5)
    await page.keyboard.press('Delete')
    expect(await points('Radiotherapy')).toBe(`Radiotherapy · ${145 - selected} points`)
    await page.keyboard.press('Control+z')
    expect(await points('Radiotherapy')).toBe('Radiotherapy · 145 points')
  })

  it('imports a points CSV into the active curve', async () => {
    const { page } = app()
    dialogs.open.push(join(bonnerDir, 'radiotherapy_cetuximab_points.csv'))
    await page.getByRole('button', { name: 'Import CSV…' }).click()
    await page
      .getByText(
        'Imported 136 points from radiotherapy_cetuximab_points.csv (survival read as percent)',
      )
      .waitFor()
    expect(await points('Radiotherapy')).toBe('Radiotherapy · 136 points')
  })

  it('links a warning to the point it is about', async () => {
    const { page } = app()
    await page.getByRole('button', { name: 'Undo' }).click()
    // Knock point 61 of the radiotherapy curve off the curve; the reconstruction leaves it out.
    await page.locator('.points-body').evaluate((el) => (el.scrollTop = 55 * 26))
    await page
      .getByLabel('Survival of point 61')
      .evaluate((el) => (el.closest('.points-row') as HTMLElement).click())
    await page.locator('.points-body').evaluate((el) => (el.scrollTop = 0))
    await page.locator('.figure-canvas').focus()
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown')
    await page.keyboard.press('Escape')
    await reconstructed(page)
    const link = page
      .getByRole('list', { name: 'Warnings for Radiotherapy' })
      .getByRole('button', { name: 'point 61' })
    await link.click()
    await expect
      .poll(() => page.locator('.points-row.selected span').first().textContent())
      .toBe('61')
  })
})
