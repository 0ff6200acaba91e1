/// <reference lib="dom" />
/**
 * The RMST horizon τ edited in the review view (issue 16), on a copy of the bundled example: the
 * field shows the default τ as its placeholder; a bad τ is refused with a one-line message; a τ
 * typed recomputes the one-stage section at that τ; cleared, the default comes back; a τ saved
 * with a copy of the review is in its file. Screenshot: test-artifacts/e2e/review-rmst-tau-invalid.png.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { parseReviewFile } from '../../src/shared/model/reviewFile'
import { screenshot, scriptedDialogs, useApp, withExampleReview } from './harness'

import { recomputed, revision } from './reviewPage'

const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-tau-'))
const examples = join(work, 'examples')

/** The heading of the RMST table: "Restricted mean survival time up to τ months (why)". */
function rmstHeading(page: Page) {
  return page.getByRole('heading', { name: /^Restricted mean survival time up to/ })
}

describe('the RMST horizon τ in the review settings', () => {
  const dialogs = scriptedDialogs()

  const app = useApp(withExampleReview(examples, dialogs, { width: 1400, height: 900 }), { work })

  it('is edited, validated, cleared and saved', async () => {
    const { page } = app()
    await rmstHeading(page).waitFor()
    const field = page.getByLabel('RMST horizon τ (months)')
    await expect.poll(() => field.getAttribute('placeholder')).toMatch(/^[\d.]+ \(default\)$/)
    const tauDefault = Number((await field.getAttribute('placeholder'))!.split(' ')[0])
    expect(await field.inputValue()).toBe('')
    expect(await rmstHeading(page).textContent()).toBe(
      `Restricted mean survival time up to ${tauDefault} months (the shortest last follow-up of any arm)`,
    )

    await field.fill('0')
    await field.press('Enter')
    await page.getByText('τ must be greater than 0').waitFor()
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    await page.locator('.review-settings').evaluate((el) => el.scrollIntoView())
    await screenshot(page, 'review-rmst-tau-invalid')

    let before = await revision(page)
    await field.fill('24')
    await field.press('Enter')
    await recomputed(page, before)
    expect(await field.getAttribute('aria-invalid')).toBe('false')
    expect(await rmstHeading(page).textContent()).toBe(
      'Restricted mean survival time up to 24 months (set by the reviewer)',
    )

    before = await revision(page)
    await field.fill('')
    await field.press('Enter')
    await recomputed(page, before)
    expect(await rmstHeading(page).textContent()).toContain(`up to ${tauDefault} months (the`)

    before = await revision(page)
    await field.fill('18')
    await field.press('Enter')
    await recomputed(page, before)
    const copyDir = join(work, 'copy')
    dialogs.save.push(copyDir)
    // The example is read-only: saving it saves a copy, with the unsaved τ, and writes there.
    await page.getByRole('button', { name: 'Save review' }).click()
    await page.getByRole('button', { name: 'Save a copy…' }).click()
    await page.getByText('Saved a copy of the example review').waitFor()
    const saved = parseReviewFile(
      readFileSync(join(copyDir, 'metastasectomy.kmreview'), 'utf8'),
      'saved',
    )
    expect(saved.settings.rmstTau).toBe(18)
    expect(app().errors).toEqual([])
  })
})
