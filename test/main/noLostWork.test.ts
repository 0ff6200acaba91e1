import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers, type Dialogs } from '../../src/main/handlers'
import { RecoveryStore } from '../../src/main/recovery'
import { unsavedMessage } from '../../src/main/unsavedMessage'
import type { FileRef } from '../../src/shared/ipc/contract'
import { formatStudyFile, parseStudyFile } from '../../src/shared/model/projectFile'
import { emptyReview } from '../../src/shared/model/review'
import { formatReviewFile, parseReviewFile } from '../../src/shared/model/reviewFile'
import { emptyStudy, type Study } from '../../src/shared/model/study'

const app = { name: 'kmpool', version: '1.2.3', platform: 'linux' }
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kmpool-nolostwork-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function dialogs(open: string[], save: string[] = []): Dialogs {
  return { openFile: async () => open.shift() ?? null, saveFile: async () => save.shift() ?? null }
}

function study(notes: string): Study {
  const s = emptyStudy()
  s.record.label = 'Sample 2020'
  s.record.notes = notes
  return s
}

describe('a study file changed on disk by another program', () => {
  async function opened(path: string) {
    writeFileSync(path, formatStudyFile(study('original')))
    const handlers = createHandlers({ app, dialogs: dialogs([path], [join(dir, 'copy.kmstudy')]) })
    const { file } = (await handlers['study:open'](undefined))!
    return { handlers, file }
  }

  it('is not overwritten: the save answers a conflict and the file keeps their work', async () => {
    const path = join(dir, 'shared.kmstudy')
    const { handlers, file } = await opened(path)
    const theirs = formatStudyFile(study('a colleague edited this'))
    writeFileSync(path, theirs)
    const mine = study('my edit')
    const answer = await handlers['study:save']({
      study: mine,
      file: file.token,
      defaultName: 'x.kmstudy',
    })
    expect(answer).toEqual({ conflict: 'shared.kmstudy' })
    expect(readFileSync(path, 'utf8')).toBe(theirs)

    // Save as keeps both.
    const copy = (await handlers['study:saveAs']({ study: mine, defaultName: 'x' })) as FileRef
    expect(copy.name).toBe('copy.kmstudy')
    expect(parseStudyFile(readFileSync(join(dir, 'copy.kmstudy'), 'utf8'), 'copy')).toEqual(mine)
    expect(readFileSync(path, 'utf8')).toBe(theirs)
  })

  it('is reloaded from disk, or overwritten when the reviewer says so', async () => {
    const path = join(dir, 'shared.kmstudy')
    const { handlers, file } = await opened(path)
    writeFileSync(path, formatStudyFile(study('theirs')))
    const reloaded = await handlers['study:reload']({ file: file.token })
    expect(reloaded.study.record.notes).toBe('theirs')
    expect(reloaded.file).toEqual(file)

    // Reloading took their version as the one the app saw: a save now goes through.
    const mine = study('mine, after reading theirs')
    const request = { study: mine, file: file.token, defaultName: 'x.kmstudy' }
    await expect(handlers['study:save'](request)).resolves.toEqual(file)

    writeFileSync(path, formatStudyFile(study('theirs again')))
    await expect(handlers['study:save'](request)).resolves.toEqual({ conflict: 'shared.kmstudy' })
    await expect(handlers['study:save']({ ...request, force: true })).resolves.toEqual(file)
    expect(parseStudyFile(readFileSync(path, 'utf8'), path)).toEqual(mine)
  })

  it('merely touched, with the same content, is saved over without asking', async () => {
    const path = join(dir, 'touched.kmstudy')
    const { handlers, file } = await opened(path)
    writeFileSync(path, readFileSync(path))
    const request = { study: study('mine'), file: file.token, defaultName: 'x.kmstudy' }
    await expect(handlers['study:save'](request)).resolves.toEqual(file)
  })
})

describe('autosave and recovery', () => {
  const recoveryDir = () => join(dir, 'recovery')

  it('keeps an unsaved study and gives it back to the next session, exactly', async () => {
    const first = createHandlers({
      app,
      dialogs: dialogs([]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    const unsaved = study('typed, never saved')
    const entry = await first['recovery:save']({ kind: 'study', key: 'k-1', document: unsaved })
    expect(entry).toMatchObject({ kind: 'study', key: 'k-1', name: null })
    expect(readdirSync(recoveryDir())).toEqual(['k-1.json'])
    // The session that wrote it does not offer its own autosave back.
    await expect(first['recovery:list'](undefined)).resolves.toEqual({ entries: [], problems: [] })

    const next = createHandlers({
      app,
      dialogs: dialogs([]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    const { entries, problems } = await next['recovery:list'](undefined)
    expect(problems).toEqual([])
    expect(entries).toEqual([entry])
    const restored = await next['recovery:restore']({ key: 'k-1' })
    expect(restored).toMatchObject({ kind: 'study', file: null, study: unsaved })
    await next['recovery:discard']({ key: 'k-1' })
    expect(readdirSync(recoveryDir())).toEqual([])
  })

  it('remembers the file a recovered study came from, and what it held then', async () => {
    const path = join(dir, 'a.kmstudy')
    writeFileSync(path, formatStudyFile(study('on disk')))
    const first = createHandlers({
      app,
      dialogs: dialogs([path]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    const { file } = (await first['study:open'](undefined))!
    await first['recovery:save']({
      kind: 'study',
      key: 'k-2',
      document: study('edited'),
      file: file.token,
    })

    const next = createHandlers({
      app,
      dialogs: dialogs([]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    const { entries } = await next['recovery:list'](undefined)
    expect(entries[0].name).toBe('a.kmstudy')
    const restored = await next['recovery:restore']({ key: 'k-2' })
    if (restored.kind !== 'study') throw new Error('expected a study')
    expect(restored.study.record.notes).toBe('edited')
    expect(restored.file?.name).toBe('a.kmstudy')
    const request = { study: restored.study, file: restored.file!.token, defaultName: 'a' }

    // Someone changed the file after the crash: caught, although this session never read it.
    writeFileSync(path, formatStudyFile(study('changed after the crash')))
    await expect(next['study:save'](request)).resolves.toEqual({ conflict: 'a.kmstudy' })
  })

  it('keeps a review the same way', async () => {
    const first = createHandlers({
      app,
      dialogs: dialogs([]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    const review = emptyReview('Metastasectomy')
    await first['recovery:save']({ kind: 'review', key: 'r-1', document: review })
    const next = createHandlers({
      app,
      dialogs: dialogs([]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    await expect(next['recovery:restore']({ key: 'r-1' })).resolves.toMatchObject({
      kind: 'review',
      review,
    })
  })

  it('keeps an open review with its file, and saves the recovered review back there', async () => {
    const path = join(dir, 'meta.kmreview')
    const onDisk = {
      ...emptyReview('Meta'),
      studies: [{ path: 'a.kmstudy', included: true, reason: '' }],
    }
    writeFileSync(path, formatReviewFile(onDisk))
    const first = createHandlers({
      app,
      dialogs: dialogs([path]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    const opened = (await first['review:open'](undefined))!
    const edited = {
      ...onDisk,
      settings: { ...onDisk.settings, method: 'DL' as const },
      studies: [{ path: 'a.kmstudy', included: false, reason: 'overlapping cohort' }],
    }
    const entry = await first['recovery:save']({
      kind: 'review',
      key: 'r-2',
      document: edited,
      file: opened.file.token,
    })
    // The review's token is a review file's, not a study file's: its name is kept.
    expect(entry).toMatchObject({ kind: 'review', key: 'r-2', name: 'meta.kmreview' })
    // A study the review file does not list, nor the reviewer added, is refused.
    await expect(
      first['recovery:save']({
        kind: 'review',
        key: 'r-3',
        document: {
          ...edited,
          studies: [{ path: '../secret.kmstudy', included: true, reason: '' }],
        },
        file: opened.file.token,
      }),
    ).rejects.toThrow(/not a study of this review/)

    const next = createHandlers({
      app,
      dialogs: dialogs([]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    const { entries } = await next['recovery:list'](undefined)
    expect(entries).toEqual([entry])
    const restored = await next['recovery:restore']({ key: 'r-2' })
    if (restored.kind !== 'review') throw new Error('expected a review')
    expect(restored.review).toEqual(edited)
    expect(restored.file?.name).toBe('meta.kmreview')
    // The file is unchanged until the reviewer saves; then the save goes back to it.
    expect(parseReviewFile(readFileSync(path, 'utf8'), path)).toEqual(onDisk)
    await next['review:save']({ review: restored.file!.token, content: restored.review })
    expect(parseReviewFile(readFileSync(path, 'utf8'), path)).toEqual(edited)
    await next['recovery:discard']({ key: 'r-2' })
    expect(readdirSync(recoveryDir())).toEqual([])
  })

  it('sets a corrupt recovery file aside and reports it, never failing the start', async () => {
    const store = new RecoveryStore(recoveryDir())
    const handlers = createHandlers({ app, dialogs: dialogs([]), recovery: store })
    await handlers['recovery:save']({ kind: 'study', key: 'good', document: study('kept') })
    const good = readFileSync(join(recoveryDir(), 'good.json'), 'utf8')
    writeFileSync(join(recoveryDir(), 'torn.json'), good.slice(0, 100))
    const invalid = JSON.parse(good) as { text: string }
    invalid.text = invalid.text.replace('"kmpool-study"', '"something-else"')
    writeFileSync(join(recoveryDir(), 'invalid.json'), JSON.stringify(invalid))

    const next = createHandlers({
      app,
      dialogs: dialogs([]),
      recovery: new RecoveryStore(recoveryDir()),
    })
    const { entries, problems } = await next['recovery:list'](undefined)
    expect(entries.map((e) => e.key)).toEqual(['good'])
    expect(problems).toHaveLength(2)
    expect(problems.join('\n')).toMatch(/invalid\.json could not be recovered.*not a kmpool study/)
    expect(problems.join('\n')).toMatch(/torn\.json could not be recovered/)
    expect(readdirSync(join(recoveryDir(), 'corrupt')).sort()).toEqual([
      'invalid.json',
      'torn.json',
    ])
    // Reported once: the next start finds only the good one.
    await expect(next['recovery:list'](undefined)).resolves.toMatchObject({ problems: [] })
  })

  it('removes what a session autosaved when it quits cleanly', async () => {
    const store = new RecoveryStore(recoveryDir())
    const handlers = createHandlers({ app, dialogs: dialogs([]), recovery: store })
    await handlers['recovery:save']({ kind: 'study', key: 'k-3', document: study('x') })
    await store.removeSession()
    expect(readdirSync(recoveryDir())).toEqual([])
  })

  it('has nothing to list where autosave is off', async () => {
    const handlers = createHandlers({ app, dialogs: dialogs([]) })
    await expect(handlers['recovery:list'](undefined)).resolves.toEqual({
      entries: [],
      problems: [],
    })
    await expect(
      handlers['recovery:save']({ kind: 'study', key: 'k', document: study('x') }),
    ).rejects.toThrow(/autosave is off/)
  })
})

describe('the close dialog', () => {
  it('names the document with unsaved changes: the study, the review or both', async () => {
    const told: unknown[] = []
    const handlers = createHandlers({ app, dialogs: dialogs([]), onUnsaved: (u) => told.push(u) })
    await handlers['window:unsaved']({ study: false, review: true })
    expect(told).toEqual([{ study: false, review: true }])
    expect(unsavedMessage({ study: true, review: false }).message).toBe(
      'This study has unsaved changes.',
    )
    expect(unsavedMessage({ study: false, review: true }).message).toBe(
      'This review has unsaved changes.',
    )
    expect(unsavedMessage({ study: true, review: true }).message).toBe(
      'The study and the review have unsaved changes.',
    )
    expect(unsavedMessage({ study: false, review: false }).message).toBe(
      'There are unsaved changes.',
    )
  })
})
