/// <reference lib="dom" />
/**
 * Issue 10, never silently wrong, as the app shows it: a trace that stops where its line goes on
 * in another shade (Lancet development seed 7000: JPEG turns the navy line bluer past a cluster
 * of ticks, and the colour Suggest curves picked stops there) says so on the curve list, under
 * the curve and in the reconstruction panel; and Suggest curves notes a curve made of two hues
 * (NEJM development seed 7208: the red and orange arms greyed into one ink, the red arm lost).
 * Screenshots: test-artifacts/e2e/traceEnds-*.png.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderKmFigure } from '../generator/kmFigure'
import { styledFigureSpec } from '../generator/styledFigure'
import { screenshot, scriptedDialogs, useApp } from './harness'
import { openCalibratedFigure } from './figureView'

describe('Suggest curves on a trace that ends before its line', () => {
  const dialogs = scriptedDialogs()
  const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-trace-ends-'))

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })

  it('says on the curve list that the trace stops where its line goes on', async () => {
    const { page } = app()
    await openCalibratedFigure(
      app(),
      dialogs,
      work,
      'lancet',
      renderKmFigure(styledFigureSpec(7000, 'lancet')),
    )
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Suggest curves' }).click()
    await page.getByText(/^Found \d+ curves?/).waitFor()
    await page.getByRole('button', { name: /^Add all / }).click()
    const notes = page.getByRole('list', { name: /^Notes on the trace of / })
    await notes.first().waitFor()
    const all = (await notes.allTextContents()).join('\n')
    expect(all).toMatch(
      /ends at time 33\.2, but a line goes on at its level in ink of another shade, up to time 35\.6/,
    )
    const statuses = await page.locator('.curve-row .curve-status').allTextContents()
    expect(statuses.some((s) => /not traced where its line goes on, 33–36 months/.test(s))).toBe(
      true,
    )
    await page
      .locator('.curve-status', { hasText: 'not traced where its line goes on' })
      .first()
      .scrollIntoViewIfNeeded()
    await screenshot(page, 'traceEnds-1-curve-list')
    expect(app().errors).toEqual([])
  })
})

describe('Suggest curves on two arms traced as one', () => {
  const dialogs = scriptedDialogs()
  const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-two-hues-'))

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })

  it('notes ink of two hues in one curve offered', async () => {
    const { page } = app()
    await openCalibratedFigure(
      app(),
      dialogs,
      work,
      'nejm',
      renderKmFigure(styledFigureSpec(7208, 'nejm')),
    )
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Suggest curves' }).click()
    await page.getByText(/^Found \d+ curves?/).waitFor()
    const notes = page.getByRole('note', { name: 'Notes on the suggestion' })
    await notes.waitFor()
    expect(await notes.textContent()).toMatch(
      /Ink of two hues \(about #[0-9a-f]{6} and #[0-9a-f]{6}\) makes up the curve of Curve \d: two arms of neighbouring colours may be drawn there and traced as one, and one of them lost; check its overlay, and pick each arm’s colour with the eyedropper \(I\)\./,
    )
    // The curve is named as the offer names it (not yet a curve of the study).
    await screenshot(page, 'traceEnds-2-two-hues')
    expect(app().errors).toEqual([])
  })
})
