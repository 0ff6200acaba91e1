/// <reference lib="dom" />
/**
 * The tracer's notes on each curve (Suggest curves, Trace) are saved in the study file with the
 * curve's trace: after saving and opening the file again, the curve list shows the same notes; a
 * hand edit of the curve's points drops them (the curve is the reviewer's), and an undo brings them
 * back. On a generated NEJM-style figure (dev seed 3002: black "+" censor marks on coloured curves,
 * which gives its traces notes). Screenshots: test-artifacts/e2e/traceNotes-*.png.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { renderKmFigure } from '../generator/kmFigure'
import { styleOfSeed, styledFigureSpec } from '../generator/styledFigure'
import { screenshot, scriptedDialogs, useApp } from './harness'
import { openCalibratedFigure } from './figureView'

describe("the tracer's notes, saved with the study", () => {
  const dialogs = scriptedDialogs()
  const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-trace-notes-'))

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })

  it('lists them again after the study is saved and opened, and drops them on a hand edit', async () => {
    const { page, menu } = app()
    const fig = renderKmFigure(styledFigureSpec(3002, styleOfSeed(3002), {}))
    await openCalibratedFigure(app(), dialogs, work, 'nejm', fig)

    await page.getByRole('tab', { name: '2 Curves' }).click()
    await page.getByRole('button', { name: 'Suggest curves' }).click()
    await page.getByText(/^Found \d+ curves?/).waitFor()
    await page.getByRole('button', { name: /^Add all / }).click()
    const lists = page.getByRole('list', { name: /^Notes on the trace of / })
    await lists.first().waitFor()

    /** Each curve's notes as the curve list shows them, by its list's label. */
    const shown = async () => {
      const out: Record<string, string[]> = {}
      for (const list of await lists.all()) {
        const label = (await list.getAttribute('aria-label'))!
        out[label] = await list.locator('li').allTextContents()
      }
      return out
    }
    const before = await shown()
    expect(Object.keys(before).length).toBeGreaterThan(0)
    await screenshot(page, 'traceNotes-1-traced')

    const saved = join(work, 'notes.kmstudy')
    dialogs.save.push(saved)
    await menu('save-as')
    await page.getByText('Saved notes.kmstudy').waitFor()
    // In the file: each traced curve's notes with its trace, in the tracer's words.
    const study = parseStudyFile(readFileSync(saved, 'utf8'), 'notes.kmstudy')
    const noted = study.curves.filter((k) => (k.trace?.notes?.length ?? 0) > 0)
    expect(noted.length).toBe(Object.keys(before).length)
    for (const k of study.curves) expect(k.trace?.notes, k.name).toBeDefined()

    // Opened again (a study read from the file, so nothing kept in memory): the same notes.
    dialogs.open.push(saved)
    await menu('open-study')
    await page.getByText('Opened notes.kmstudy.').waitFor()
    await page.getByRole('tab', { name: '2 Curves' }).click()
    await lists.first().waitFor()
    expect(await shown()).toEqual(before)
    await page.locator('.curve-list > li').first().scrollIntoViewIfNeeded()
    await screenshot(page, 'traceNotes-2-reopened')

    // A hand edit of a noted curve's points (its first point nudged up by the keyboard) drops its
    // notes; the other curves keep theirs; an undo brings them back.
    const label = Object.keys(before)[0]
    const name = label.replace(/^Notes on the trace of /, '')
    await page.getByRole('button', { name: new RegExp(`^${name} · `) }).click()
    await page.locator('.figure-canvas').focus()
    await page.keyboard.press(']')
    await page.keyboard.press('Shift+ArrowUp')
    await page.getByRole('list', { name: label }).waitFor({ state: 'detached' })
    const { [label]: _gone, ...rest } = before
    expect(await shown()).toEqual(rest)
    await screenshot(page, 'traceNotes-3-edited')
    await page.keyboard.press('Control+z')
    await page.getByRole('list', { name: label }).waitFor()
    expect(await shown()).toEqual(before)
    expect(app().errors).toEqual([])
  })
})

/**
 * A curve traced on its own by its colour (the Trace button) is checked against the study's other
 * curves as `kmpool trace` checks them: on a generated JAMA-style figure (dev seed 7301) whose grey
 * dashed arm B is too faint to be seen, its trace rides slate arm A's line, and the curve list says
 * so; before the arms, a colour the figure does not hold, traced alone, is said to follow ink of
 * another colour. Screenshots: test-artifacts/e2e/traceNotes-4-wrong-colour.png, -5-follows.png.
 */
describe('a curve traced alone, checked against the other curves', () => {
  const dialogs = scriptedDialogs()
  const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-trace-follows-'))

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })

  it('notes that the trace runs along another curve', async () => {
    const { page } = app()
    const fig = renderKmFigure(styledFigureSpec(7301, 'jama'))
    await openCalibratedFigure(app(), dialogs, work, 'jama', fig)
    await page.getByRole('tab', { name: '2 Curves' }).click()
    // First a colour the figure does not hold (a blue; the arms are slate, grey and orange),
    // traced alone: its trace finds the grey arm's ink, and the note says so (inkColour.ts).
    await page.getByRole('button', { name: 'Add curve' }).click()
    await page.getByRole('button', { name: /^Arm 1 · / }).waitFor()
    await page.getByLabel('Colour of Arm 1').fill('#1f77b4')
    await page.getByRole('button', { name: 'Trace Arm 1' }).click()
    const wrong = page.getByRole('list', { name: 'Notes on the trace of Arm 1' })
    await wrong.waitFor()
    expect(await wrong.textContent()).toMatch(
      /^The ink the trace of Arm 1 follows is grey or black \(about #\w{6}\), with almost none of the curve's colour/,
    )
    await screenshot(page, 'traceNotes-4-wrong-colour')
    await page.getByRole('button', { name: 'Remove Arm 1' }).click()
    await page.getByRole('button', { name: /^Arm 1 · / }).waitFor({ state: 'detached' })
    for (const [k, arm] of fig.arms.entries()) {
      await page.getByRole('button', { name: 'Add curve' }).click()
      // The new curve is active (its default name in the field) before it is renamed.
      await page.getByRole('button', { name: new RegExp(`^Arm ${k + 1} · `) }).waitFor()
      await page.getByLabel('Name of the active curve').fill(arm.name)
      await page.getByLabel('Name of the active curve').press('Enter')
      await page.getByLabel(`Colour of ${arm.name}`).fill(arm.color.toLowerCase())
    }
    const [a, b] = fig.arms
    await page.getByRole('button', { name: `Trace ${b.name}` }).click()
    const notes = page.getByRole('list', { name: `Notes on the trace of ${b.name}` })
    await notes.waitFor()
    expect(await notes.textContent()).toContain(`runs along the trace of ${a.name}`)
    // Its ink seen throughout (its status is whole); the row sends the reader to the note.
    expect(
      await page
        .locator('.curve-row', { hasText: `${b.name} · ` })
        .locator('.curve-status')
        .textContent(),
    ).toBe('traced whole; see the note below')
    await page.locator('.curve-list > li').first().scrollIntoViewIfNeeded()
    await screenshot(page, 'traceNotes-5-follows')
    expect(app().errors).toEqual([])
  })
})
