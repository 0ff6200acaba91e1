/// <reference lib="dom" />
/**
 * A zoomed inset, found by Suggest curves (issue 10), is painted into the tracing mask as one undo
 * step, with a note saying so: its curves are the arms' ink drawn again, and would otherwise be
 * traced as part of them. On a generated figure (dev seed 3004, Lancet style, two arms) with an
 * inset in the plot's upper right. The mask is read from the saved study: one stroke covering the
 * inset's frame; one undo removes it, and its note; a redo brings both back.
 * Screenshots: test-artifacts/e2e/suggestInset-*.png.
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

const SEED = 3004

describe('Suggest curves on a figure with a zoomed inset', () => {
  const dialogs = scriptedDialogs()
  const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-inset-'))

  const app = useApp({ dialogs, viewport: { width: 1400, height: 900 } }, { work })

  it('paints the inset into the mask in one undo step, with a note', async () => {
    const { page, menu } = app()
    const spec = styledFigureSpec(SEED, styleOfSeed(SEED), {})
    const fig = renderKmFigure({ ...spec, inset: { tMax: spec.tMax * 0.3, yFrom: 0.6 } })
    const box = fig.inset!
    await openCalibratedFigure(app(), dialogs, work, 'inset', fig)

    await page.getByRole('tab', { name: '2 Curves' }).click()
    const clear = page.getByRole('button', { name: 'Clear mask' })
    expect(await clear.isEnabled()).toBe(false)
    await page.getByRole('button', { name: 'Suggest curves' }).click()
    await page.getByText(/^Found \d+ curves?/).waitFor()
    // As many curves as arms: the inset's copies of them are not offered.
    const offers = page.getByRole('list', { name: 'Suggested curves' })
    expect(await offers.getByRole('button', { name: /^Add the #/ }).count()).toBe(spec.arms.length)

    // The note, in words, with the inset's box; the mask is painted (Clear mask enabled).
    const notes = page.getByRole('note', { name: 'Notes on the suggestion' })
    const note = notes.locator('li').filter({ hasText: 'zoomed inset' })
    expect(await note.count()).toBe(1)
    const text = (await note.textContent())!
    expect(text).toContain('was added to the mask and left out of the curves')
    expect(text).toContain('erase the mask there to trace it')
    expect(await clear.isEnabled()).toBe(true)
    await screenshot(page, 'suggestInset-1-masked')

    // The saved study's mask: one painted stroke whose brush covers the inset's frame.
    const saved = join(work, 'masked.kmstudy')
    dialogs.save.push(saved)
    await menu('save-as')
    await page.getByText('Saved masked.kmstudy').waitFor()
    const mask = parseStudyFile(readFileSync(saved, 'utf8'), 'masked.kmstudy').traceMask ?? []
    expect(mask).toHaveLength(1)
    const stroke = mask[0]
    expect(stroke.erase).toBe(false)
    const xs = stroke.points.map((p) => p[0])
    const ys = stroke.points.map((p) => p[1])
    // The brush reaches `radius` beyond its path: the frame (x0..x1, y0..y1) lies within that.
    expect(Math.min(...xs) - stroke.radius).toBeLessThanOrEqual(box.x0)
    expect(Math.max(...xs) + stroke.radius).toBeGreaterThanOrEqual(box.x1)
    expect(Math.min(...ys) - stroke.radius).toBeLessThanOrEqual(box.y0)
    expect(Math.max(...ys) + stroke.radius).toBeGreaterThanOrEqual(box.y1)
    // And no further than a few pixels past it: the curves outside the inset stay traceable.
    expect(Math.min(...xs) - stroke.radius).toBeGreaterThanOrEqual(box.x0 - 12)
    expect(Math.max(...xs) + stroke.radius).toBeLessThanOrEqual(box.x1 + 12)
    expect(Math.min(...ys) - stroke.radius).toBeGreaterThanOrEqual(box.y0 - 12)
    expect(Math.max(...ys) + stroke.radius).toBeLessThanOrEqual(box.y1 + 12)

    // One undo removes the painted inset, and its note (no longer true), and only them: the
    // offers are still there.
    await page.getByRole('button', { name: 'Undo' }).click()
    expect(await clear.isEnabled()).toBe(false)
    expect(await note.count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true)
    expect(await offers.getByRole('button', { name: /^Add the #/ }).count()).toBe(spec.arms.length)
    await screenshot(page, 'suggestInset-2-undone')
    const undone = join(work, 'undone.kmstudy')
    dialogs.save.push(undone)
    await menu('save-as')
    await page.getByText('Saved undone.kmstudy').waitFor()
    expect(parseStudyFile(readFileSync(undone, 'utf8'), 'undone.kmstudy').traceMask).toBeUndefined()
    // A redo paints it again, with its note.
    await page.getByRole('button', { name: 'Redo' }).click()
    expect(await clear.isEnabled()).toBe(true)
    expect(await note.count()).toBe(1)
    expect(app().errors).toEqual([])
  })
})
