/// <reference lib="dom" />
/**
 * No lost work, end to end (issue 7): a study edited and then killed without warning comes back,
 * point for point, in the next session; a study file changed on disk behind the app's back is
 * never silently overwritten. Screenshots: test-artifacts/e2e/recovery-*.png.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/handlers'
import { RecoveryStore } from '../../src/main/recovery'
import type { UnsavedDocuments } from '../../src/shared/ipc/contract'
import { formatStudyFile, parseStudyFile } from '../../src/shared/model/projectFile'
import type { Review } from '../../src/shared/model/review'
import { parseReviewFile } from '../../src/shared/model/reviewFile'
import type { Study } from '../../src/shared/model/study'
import { appInfo, screenshot, scriptedDialogs, startApp, type RunningApp } from './harness'
import { toPage } from './figureView'
import { repoRoot } from './paths'

const work = mkdtempSync(join(tmpdir(), 'kmpool-e2e-recovery-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The Bonner 2006 example, calibrated, with its first curve emptied for the test to digitize. */
function writeStudy(name: string): { path: string; study: Study } {
  const path = join(work, name)
  const source = join(repoRoot, 'examples/bonner2006.kmstudy')
  const study = parseStudyFile(readFileSync(source, 'utf8'), source)
  study.curves[0].points = []
  writeFileSync(path, formatStudyFile(study))
  return { path, study }
}

async function openStudy(
  app: RunningApp,
  dialogs: ReturnType<typeof scriptedDialogs>,
  path: string,
) {
  dialogs.open.push(path)
  await app.page.getByRole('button', { name: 'Open study' }).click()
  await app.page.getByText(/^Opened /).waitFor()
}

/** Clicks image pixels with the add tool; answers where they are on the page. */
async function digitize(page: Page, pixels: [number, number][]): Promise<void> {
  const at = await toPage(page)
  for (const [px, py] of pixels) {
    const p = at(px, py)
    await page.mouse.click(p.x, p.y)
  }
}

/** The study in the recovery folder once it holds `points` points in its first curve. */
async function autosaved(dir: string, points: number): Promise<Study> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (!name.endsWith('.json')) continue
      const record = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { text: string }
      const study = parseStudyFile(record.text, name)
      if (study.curves[0].points.length === points) return study
    }
    await new Promise((done) => setTimeout(done, 100))
  }
  throw new Error(`no autosave with ${points} points in ${dir}`)
}

describe('recovery after a crash', () => {
  const recoveryDir = join(work, 'recovery')
  const { path } = writeStudy('crash.kmstudy')

  it('brings back every point digitized before the app was killed', async () => {
    const dialogs = scriptedDialogs()
    const first = await startApp({ dialogs, recoveryDir, viewport: { width: 1400, height: 860 } })
    let before: Study
    try {
      await openStudy(first, dialogs, path)
      await digitize(first.page, [
        [150, 60],
        [200, 90],
        [260, 130],
      ])
      before = await autosaved(recoveryDir, 3)
      expect(first.errors).toEqual([])
      // Killed mid-edit: no beforeunload, no save, no clean quit.
      await first.page.close({ runBeforeUnload: false })
    } finally {
      await first.close()
    }
    expect(readdirSync(recoveryDir).filter((n) => n.endsWith('.json'))).toHaveLength(1)

    const again = scriptedDialogs()
    const second = await startApp({
      dialogs: again,
      recoveryDir,
      viewport: { width: 1400, height: 860 },
    })
    try {
      const { page } = second
      const prompt = page.getByRole('alertdialog')
      await prompt.getByText(/^Recover unsaved work from /).waitFor()
      expect(await prompt.textContent()).toContain('changes to crash.kmstudy')
      await screenshot(page, 'recovery-prompt')
      await prompt.getByRole('button', { name: 'Recover', exact: true }).click()
      await page.getByText('Recovered crash.kmstudy').waitFor()
      // Unsaved until saved: the title says so.
      expect(await page.title()).toMatch(/^• crash\.kmstudy/)
      await screenshot(page, 'recovery-recovered')

      // Saved back to its own file, which nobody changed meanwhile.
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await page.getByText('Saved crash.kmstudy').waitFor()
      const saved = parseStudyFile(readFileSync(path, 'utf8'), path)
      expect(saved.curves).toEqual(before.curves)
      expect(saved).toEqual(before)
      // A clean save removes the recovery file.
      await expect
        .poll(() => readdirSync(recoveryDir).filter((n) => n.endsWith('.json')))
        .toEqual([])
      expect(second.errors).toEqual([])
    } finally {
      await second.close()
    }
  })
})

/** The review in the recovery folder once `ready` says it holds the change. */
async function autosavedReview(dir: string, ready: (review: Review) => boolean): Promise<Review> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (!name.endsWith('.json')) continue
      const record = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
        kind: string
        text: string
      }
      if (record.kind !== 'review') continue
      const review = parseReviewFile(record.text, name)
      if (ready(review)) return review
    }
    await new Promise((done) => setTimeout(done, 100))
  }
  throw new Error(`no autosaved review in ${dir}`)
}

describe('recovery of a review after a crash', () => {
  const examples = join(work, 'examples')
  const reviewFile = join(examples, 'metastasectomy/metastasectomy.kmreview')
  const recoveryDir = join(work, 'review-recovery')
  cpSync(join(repoRoot, 'examples/metastasectomy'), join(examples, 'metastasectomy'), {
    recursive: true,
  })
  // What the page last told main is unsaved, for the close dialog.
  let unsaved: UnsavedDocuments | null = null
  let dialogs = scriptedDialogs()
  const start = () => {
    dialogs = scriptedDialogs()
    const recovery = new RecoveryStore(recoveryDir)
    const handlers = createHandlers({
      app: appInfo,
      dialogs,
      examplesDir: examples,
      recovery,
      onUnsaved: (state) => {
        unsaved = state
      },
    })
    return startApp({ dialogs, handlers, recoveryDir, viewport: { width: 1400, height: 900 } })
  }

  it('brings back the estimator changed before the app was killed', async () => {
    const original = parseReviewFile(readFileSync(reviewFile, 'utf8'), reviewFile)
    expect(original.settings.method).not.toBe('DL')
    const first = await start()
    let before: Review
    try {
      const { page } = first
      // The first start opens the example review.
      await page.getByRole('heading', { name: /Metastasectomy/ }).waitFor()
      await page.getByRole('radio', { name: 'DL', exact: true }).click()
      before = await autosavedReview(recoveryDir, (r) => r.settings.method === 'DL')
      expect(first.errors).toEqual([])
      // Killed mid-edit: no beforeunload, no save, no clean quit.
      await page.close({ runBeforeUnload: false })
    } finally {
      await first.close()
    }
    expect(readdirSync(recoveryDir).filter((n) => n.endsWith('.json'))).toHaveLength(1)
    expect(parseReviewFile(readFileSync(reviewFile, 'utf8'), reviewFile)).toEqual(original)

    const second = await start()
    try {
      const { page } = second
      const prompt = page.getByRole('alertdialog')
      await prompt.getByText(/^Recover unsaved review metastasectomy\.kmreview from /).waitFor()
      await screenshot(page, 'recovery-review-prompt')
      await prompt.getByRole('button', { name: 'Recover', exact: true }).click()
      await page.getByText('Recovered metastasectomy.kmreview').waitFor()
      expect(await page.getByLabel('Estimator', { exact: true }).inputValue()).toBe('DL')
      // Unsaved until saved; the close dialog would name the review.
      await expect.poll(() => unsaved).toEqual({ study: false, review: true })
      expect(await page.locator('.review-file').textContent()).toContain(
        'metastasectomy.kmreview (example, read-only) •',
      )
      await screenshot(page, 'recovery-review-recovered')

      // The example is read-only (issue 13): Save Review saves the recovered review as a copy
      // in a folder of the user's, and leaves the bundled file as it was.
      const copy = join(work, 'my-review')
      dialogs.save.push(copy)
      await page.getByRole('button', { name: 'Save review' }).click()
      await page.getByRole('button', { name: 'Save a copy…' }).click()
      await page.getByText('Saved a copy of the example review').waitFor()
      await expect.poll(() => unsaved).toEqual({ study: false, review: false })
      const saved = join(copy, 'metastasectomy.kmreview')
      expect(parseReviewFile(readFileSync(saved, 'utf8'), saved)).toEqual(before)
      expect(parseReviewFile(readFileSync(reviewFile, 'utf8'), reviewFile)).toEqual(original)
      // A clean save removes the recovery file.
      await expect
        .poll(() => readdirSync(recoveryDir).filter((n) => n.endsWith('.json')))
        .toEqual([])
      expect(second.errors).toEqual([])
    } finally {
      await second.close()
    }
  })
})

describe('a study file changed on disk behind the app', () => {
  it('is not overwritten: the app asks, and save as keeps both versions', async () => {
    const { path, study } = writeStudy('shared.kmstudy')
    const copy = join(work, 'mine.kmstudy')
    const dialogs = scriptedDialogs()
    const app = await startApp({ dialogs, viewport: { width: 1400, height: 860 } })
    try {
      const { page } = app
      await openStudy(app, dialogs, path)
      await digitize(page, [
        [150, 60],
        [200, 90],
      ])
      const theirs = structuredClone(study)
      theirs.record.notes = 'edited by a colleague on the shared drive'
      writeFileSync(path, formatStudyFile(theirs))

      await page.getByRole('button', { name: 'Save', exact: true }).click()
      const prompt = page.getByRole('alertdialog')
      await prompt.getByText('shared.kmstudy was changed on disk').waitFor()
      await screenshot(page, 'recovery-conflict')
      expect(parseStudyFile(readFileSync(path, 'utf8'), path)).toEqual(theirs)

      dialogs.save.push(copy)
      await prompt.getByRole('button', { name: 'Save as…' }).click()
      await page.getByText('Saved mine.kmstudy').waitFor()
      expect(parseStudyFile(readFileSync(path, 'utf8'), path)).toEqual(theirs)
      const mine = parseStudyFile(readFileSync(copy, 'utf8'), copy)
      expect(mine.curves[0].points).toHaveLength(2)
      expect(mine.record.notes).toBe(study.record.notes)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('is overwritten only when the reviewer says so', async () => {
    const { path, study } = writeStudy('overwrite.kmstudy')
    const dialogs = scriptedDialogs()
    const app = await startApp({ dialogs, viewport: { width: 1400, height: 860 } })
    try {
      const { page } = app
      await openStudy(app, dialogs, path)
      await digitize(page, [[150, 60]])
      writeFileSync(path, formatStudyFile({ ...study, record: { ...study.record, notes: 'x' } }))
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      const prompt = page.getByRole('alertdialog')
      await prompt.getByRole('button', { name: 'Overwrite anyway' }).click()
      await page.getByText('Saved overwrite.kmstudy').waitFor()
      const saved = parseStudyFile(readFileSync(path, 'utf8'), path)
      expect(saved.curves[0].points).toHaveLength(1)
      expect(saved.record.notes).toBe(study.record.notes)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
