/** What the toolbar, the menu and the keyboard do with files: each failure becomes a notice. */
import type { FigureFile } from '../../../shared/ipc/contract'
import { parseStudyFile } from '../../../shared/model/projectFile'
import { readPointsFile } from '../../../shared/formats/pointsFile'
import { InputError } from '../../../shared/formats/inputError'
import { studyReconstructionInput } from '../../../shared/study/reconstructStudy'
import { axesOf, edit, isDirty, loadStudy, markSaved, notify, useStudy } from '../store/store'
import { replacePoints } from '../store/studyOps'
import { exportPngBase64 } from '../canvas/exportPng'
import { figureFileFromBlob, showFigure, studyFromFigure } from './figure'
import { messageOf } from './messages'
import { startPdfPicker } from './pdf'
import { ask } from './prompt'

const get = () => useStudy.getState()

async function attempt(what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action()
  } catch (error) {
    notify('error', `${what}: ${messageOf(error)}`)
  }
}

/** Whether the current study may be replaced: nothing unsaved, or the reviewer says so. */
function mayDiscard(): boolean {
  return !isDirty() || window.confirm('This study has unsaved changes. Discard them?')
}

function baseName(): string {
  const { study, file } = get()
  const name = file?.name ?? study.record.label ?? study.figure?.name ?? 'study'
  return name.replace(/\.[^.]+$/, '').replace(/[\\/:*?"<>|]+/g, '_') || 'study'
}

async function startFromFigure(file: FigureFile): Promise<void> {
  if (!mayDiscard()) return
  loadStudy(await studyFromFigure(file), null)
  notify(
    'info',
    `Opened ${file.name} (${Math.round(file.size / 1024)} kB). Calibrate the axes next.`,
  )
}

export const openFigure = () =>
  attempt('Cannot open the figure', async () => {
    if (!mayDiscard()) return
    const file = await window.kmpool.openFigure()
    // A PDF's page, scale and crop are chosen first; confirming it starts the study.
    if (file && 'kind' in file) startPdfPicker(file)
    else if (file) await startFromFigure(file)
  })

export const openStudy = () =>
  attempt('Cannot open the study', async () => {
    if (!mayDiscard()) return
    const opened = await window.kmpool.openStudy()
    if (!opened) return
    await showFigure(opened.study.figure)
    loadStudy(opened.study, opened.file)
    notify('info', `Opened ${opened.file.name}.`)
  })

async function saveWith(method: 'saveStudy' | 'saveStudyAs', force = false): Promise<void> {
  await attempt('Cannot save the study', async () => {
    const { study, file } = get()
    const saved = await window.kmpool[method]({
      study,
      ...(file ? { file: file.token } : {}),
      defaultName: `${baseName()}.kmstudy`,
      ...(force ? { force } : {}),
    })
    if (!saved) return
    if ('conflict' in saved) {
      await resolveConflict(saved.conflict)
      return
    }
    markSaved(study, saved)
    notify('info', `Saved ${saved.name}.`)
  })
}

/**
 * The study's file changed on disk since it was opened or saved (another copy of kmpool, a sync
 * client, a colleague): nothing is written until the reviewer chooses whose work to keep.
 */
async function resolveConflict(name: string): Promise<void> {
  const choice = await ask(
    `${name} was changed on disk`,
    `Another program changed ${name} since you opened or last saved it. Overwrite it with your ` +
      'version, save your version under another name to keep both, or reload the file and ' +
      'discard your changes.',
    [
      { id: 'save-as', label: 'Save as…', primary: true },
      { id: 'overwrite', label: 'Overwrite anyway' },
      { id: 'reload', label: 'Reload from disk' },
      { id: 'cancel', label: 'Cancel' },
    ],
  )
  if (choice === 'save-as') await saveWith('saveStudyAs')
  else if (choice === 'overwrite') await saveWith('saveStudy', true)
  else if (choice === 'reload') await reload()
  else notify('info', `Not saved: ${name} was changed on disk.`)
}

async function reload(): Promise<void> {
  const { file } = get()
  if (!file) return
  const opened = await window.kmpool.reloadStudy({ file: file.token })
  await showFigure(opened.study.figure)
  loadStudy(opened.study, opened.file)
  notify('info', `Reloaded ${opened.file.name} from disk.`)
}

export const save = () => saveWith('saveStudy')
export const saveAs = () => saveWith('saveStudyAs')

export const importPoints = () =>
  attempt('Cannot import the points', async () => {
    const { activeCurveId, study } = get()
    const axes = axesOf(study.calibration)
    if (!axes || !activeCurveId) {
      throw new Error('calibrate the axes and choose a curve first')
    }
    const file = await window.kmpool.importPoints()
    if (!file) return
    let read
    try {
      read = readPointsFile(file.text, file.name)
    } catch (error) {
      if (error instanceof InputError) throw new Error(error.message, { cause: error })
      throw error
    }
    edit((s) => replacePoints(s, activeCurveId, read.points, axes))
    useStudy.setState({ selection: [] })
    notify(
      'info',
      `Imported ${read.points.length} points from ${file.name} (survival read as ${read.scale}).`,
    )
  })

function exportCsv(kind: 'exportIpd' | 'exportSummary' | 'exportPoints', suffix: string) {
  return attempt('Cannot export', async () => {
    const { study } = get()
    const saved = await window.kmpool[kind]({
      input: studyReconstructionInput(study),
      record: study.record,
      defaultName: `${baseName()}-${suffix}.csv`,
    })
    if (saved) notify('info', `Exported ${saved.name}.`)
  })
}

export const exportIpd = () => exportCsv('exportIpd', 'ipd')
export const exportSummary = () => exportCsv('exportSummary', 'km-summary')
/** The digitized points in WebPlotDigitizer's CSV layout, for other tools to read. */
export const exportPoints = () => exportCsv('exportPoints', 'points')

export const exportPng = () =>
  attempt('Cannot export the figure', async () => {
    const data = await exportPngBase64()
    const saved = await window.kmpool.exportPng({ data, defaultName: `${baseName()}-overlay.png` })
    if (saved) notify('info', `Exported ${saved.name}.`)
  })

/** A file dropped on the window: an image starts a study, a .kmstudy file opens (unsaved). */
export const openDropped = (file: File) =>
  attempt(`Cannot open ${file.name}`, async () => {
    if (/\.kmstudy$/i.test(file.name)) {
      const study = parseStudyFile(await file.text(), file.name)
      if (!mayDiscard()) return
      await showFigure(study.figure)
      loadStudy(study, null)
      notify('info', `Opened ${file.name}; Save asks where to write it.`)
      return
    }
    await startFromFigure(await figureFileFromBlob(file, file.name))
  })

/** An image pasted from the clipboard (a screenshot of a figure) starts a study. */
export const openPasted = (blob: Blob) =>
  attempt('Cannot use the pasted image', async () => {
    const ext = blob.type.split('/')[1] ?? 'png'
    await startFromFigure(await figureFileFromBlob(blob, `pasted figure.${ext}`))
  })
