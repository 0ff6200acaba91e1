/// <reference lib="dom" />
/**
 * The zero-survival rule and the method for medians published with a range, chosen in the review
 * settings bar (issue 11), on a copy of the bundled example: each choice recomputes the review
 * and changes the table it concerns; the methods text names the choice.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { scriptedDialogs, useApp, withExampleReview } from './harness'

import { recomputed, revision } from './reviewPage'

const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-settings-'))
const examples = join(work, 'examples')

const tableText = (page: Page, name: string) =>
  page.getByRole('table', { name, exact: true }).textContent()

describe('zero survival and the range method in the review settings', () => {
  const dialogs = scriptedDialogs()

  const app = useApp(withExampleReview(examples, dialogs, { width: 1400, height: 900 }), { work })

  it('each choice recomputes the table it concerns', async () => {
    const { page } = app()
    await page.getByRole('table', { name: 'Survival table', exact: true }).waitFor()
    const zero = page.getByLabel('Survival of 0%')
    const range = page.getByLabel('Median from range/IQR')
    expect(await zero.inputValue()).toBe('followed')
    expect(await range.inputValue()).toBe('qe')

    // Lindqvist 2010 and Moreau 2015 (Brain) reach 0% with nobody at risk before 48 months.
    const survivalBefore = await tableText(page, 'Survival table')
    const medianBefore = await tableText(page, 'Median table')
    let before = await revision(page)
    await zero.selectOption('exclude')
    await recomputed(page, before)
    expect(await tableText(page, 'Survival table')).not.toBe(survivalBefore)
    expect(await tableText(page, 'Median table')).toBe(medianBefore)
    expect(await page.getByRole('region', { name: 'Methods' }).textContent()).toMatch(
      /reached 0% with nobody left at risk was left out of the pooled survival at that time/,
    )

    // Kovac 2018 and Nakamura 2021 publish a median with its range; Nakamura's starts at 0,
    // which the Box–Cox transform cannot take.
    before = await revision(page)
    await range.selectOption('bc')
    await recomputed(page, before)
    expect(await tableText(page, 'Median table')).not.toBe(medianBefore)
    expect(await tableText(page, 'Exclusions')).toMatch(
      /Nakamura 2021.*the Box–Cox methods \(BC, MLN\) need every reported number > 0/,
    )
    expect(await page.getByRole('region', { name: 'Methods' }).textContent()).toMatch(
      /Box–Cox method of McGrath et al\./,
    )

    before = await revision(page)
    await range.selectOption('mln')
    await recomputed(page, before)
    expect(await page.getByRole('region', { name: 'Methods' }).textContent()).toMatch(
      /MLN method of Cai et al\./,
    )
    expect(app().errors).toEqual([])
  })
})
