import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers, type Dialogs } from '../../src/main/handlers'
import { relativeStudyPath } from '../../src/main/reviewHandlers'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { parseReviewFile } from '../../src/shared/model/reviewFile'

const repo = join(import.meta.dirname, '../..')
const app = { name: 'kmpool', version: '0.1.0', platform: 'linux' }

let work: string
let examples: string
let dialogs: Dialogs & { open: string[]; save: string[] }

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'kmpool-review-handlers-'))
  examples = join(work, 'examples')
  cpSync(join(repo, 'examples/metastasectomy'), join(examples, 'metastasectomy'), {
    recursive: true,
  })
  const open: string[] = []
  const save: string[] = []
  dialogs = {
    open,
    save,
    openFile: async () => open.shift() ?? null,
    saveFile: async () => save.shift() ?? null,
  }
})
afterEach(() => rmSync(work, { recursive: true, force: true }))

describe('the review channels', () => {
  it('open the example review on the first start only, remembered in the settings file', async () => {
    const settingsPath = join(work, 'userData/settings.json')
    const handlers = createHandlers({ app, dialogs, examplesDir: examples, settingsPath })
    const first = await handlers['review:start'](undefined)
    expect(first?.file.name).toBe('metastasectomy.kmreview')
    expect(first?.review.studies).toHaveLength(14)
    expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toEqual({ started: true })
    expect(await handlers['review:start'](undefined)).toBeNull()
    const again = createHandlers({ app, dialogs, examplesDir: examples, settingsPath })
    expect(await again['review:start'](undefined)).toBeNull()
    // Help → Open example review works whatever the settings say.
    expect((await again['review:openExample'](undefined)).review.studies).toHaveLength(14)
  })

  it('start nothing without a bundled examples folder', async () => {
    const handlers = createHandlers({ app, dialogs })
    expect(await handlers['review:start'](undefined)).toBeNull()
    await expect(handlers['review:openExample'](undefined)).rejects.toThrow(/no example review/)
  })

  it('compute the review with figures of the chosen outcome, and only its own studies', async () => {
    const handlers = createHandlers({ app, dialogs, examplesDir: examples })
    const { review, file } = await handlers['review:openExample'](undefined)
    const request = {
      review: file.token,
      title: review.title,
      settings: review.settings,
      studies: review.studies,
    }
    const view = await handlers['review:compute']({ ...request, figure: 'survival_60' })
    expect(view.studies).toHaveLength(14)
    expect(view.figureOutcome).toBe('survival_60')
    expect(view.figures.forest?.svg).toMatch(/^<svg/)
    expect(view.figures.curves?.svg).toMatch(/^<svg/)
    expect(view.studies[0].record).toEqual({ label: 'Albers 2009', subgroup: 'Lung' })
    expect(JSON.stringify(view)).not.toMatch(/"ipd"/)

    const stranger = { path: '../../secret.kmstudy', included: true, reason: '' }
    const withStranger = await handlers['review:compute']({
      ...request,
      studies: [...review.studies, stranger],
      figure: null,
    })
    expect(withStranger.figures.forest).toBeNull()
    expect(withStranger.studies[14].excludedReason).toMatch(/not part of this review/)
    await expect(
      handlers['review:openStudy']({ review: file.token, path: stranger.path }),
    ).rejects.toThrow(/not a study of this review/)
    await expect(
      handlers['review:save']({ review: file.token, content: { ...review, studies: [stranger] } }),
    ).rejects.toThrow(/not a study of this review/)
  })

  it('write a label and subgroup into the study file, and save the review atomically', async () => {
    const handlers = createHandlers({ app, dialogs, examplesDir: examples })
    const example = await handlers['review:openExample'](undefined)
    expect(example.readOnly).toBe(true)
    const { review } = example
    const path = review.studies[0].path
    const bundled = join(examples, 'metastasectomy', path)
    const before = readFileSync(bundled, 'utf8')
    // The bundled example is never written (issue 13); a copy in the user's folder is.
    await expect(
      handlers['review:editStudy']({ review: example.file.token, path, label: 'A', subgroup: '' }),
    ).rejects.toThrow(/read-only/)
    expect(readFileSync(bundled, 'utf8')).toBe(before)
    const copyDir = join(work, 'copy-of-example')
    dialogs.save.push(copyDir)
    const copy = await handlers['review:copyExample']({ review: example.file.token })
    expect(copy?.readOnly).toBeUndefined()
    const file = copy!.file
    await handlers['review:editStudy']({ review: file.token, path, label: 'A', subgroup: 'Lungs' })
    const studyFile = join(copyDir, path)
    expect(parseStudyFile(readFileSync(studyFile, 'utf8'), path).record).toMatchObject({
      label: 'A',
      subgroup: 'Lungs',
    })
    expect(readFileSync(bundled, 'utf8')).toBe(before)
    const content = { ...review, studies: review.studies.slice(1) }
    await handlers['review:save']({ review: file.token, content })
    const saved = join(copyDir, 'metastasectomy.kmreview')
    expect(parseReviewFile(readFileSync(saved, 'utf8'), 'saved').studies).toHaveLength(13)
    // A second copy into the same folder is refused rather than written over it.
    dialogs.save.push(copyDir)
    await expect(handlers['review:copyExample']({ review: example.file.token })).rejects.toThrow(
      /exists already; name a new folder for the copy/,
    )
  })

  it('create a review, add a study by a path relative to it, and export into a new folder', async () => {
    const handlers = createHandlers({ app, dialogs })
    dialogs.save.push(join(examples, 'mine.kmreview'))
    const created = await handlers['review:create'](undefined)
    expect(created?.review.studies).toEqual([])
    const study = join(examples, 'metastasectomy/studies/albers-2009.kmstudy')
    dialogs.open.push(study)
    const added = await handlers['review:addStudy']({ review: created!.file.token })
    expect(added).toEqual({ path: 'metastasectomy/studies/albers-2009.kmstudy' })
    const out = join(work, 'results')
    dialogs.save.push(out)
    const request = {
      review: created!.file.token,
      title: 'Mine',
      settings: created!.review.settings,
      studies: [{ path: added!.path, included: true, reason: '' }],
    }
    const exported = await handlers['review:export'](request)
    expect(exported?.name).toBe('results')
    expect(exported?.files).toContain('survival_table.csv')
    expect(existsSync(join(out, 'forest_survival_60.png'))).toBe(true)
    // The folder dialog cancelled: nothing computed, nothing written.
    expect(await handlers['review:export'](request)).toBeNull()
  })

  it('name paths relative to the review with forward slashes', () => {
    expect(relativeStudyPath('/r', '/r/studies/a.kmstudy')).toBe('studies/a.kmstudy')
    expect(relativeStudyPath('/r/x', '/r/a.kmstudy')).toBe('../a.kmstudy')
  })
})
