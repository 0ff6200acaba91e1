import { useEffect, useState, type CSSProperties } from 'react'
import type { MenuCommand } from '../../shared/ipc/contract'
import { FigureCanvas } from './canvas/FigureCanvas'
import { usePointer } from './canvas/Magnifier'
import { offerRecovery, reportUnsaved, startAutosave, startReviewAutosave } from './io/autosave'
import * as commands from './io/commands'
import { installKeyboard, isTextField } from './io/keyboard'
import { startLiveReconstruction } from './io/liveReconstruction'
import * as review from './io/review'
import { CalibrationPanel } from './panels/CalibrationPanel'
import { CurvesPanel } from './panels/CurvesPanel'
import { PdfPagePicker } from './panels/PdfPagePicker'
import { Prompt } from './panels/Prompt'
import { ResultsPanel } from './panels/ResultsPanel'
import { ReviewView } from './panels/ReviewView'
import { RiskPanel } from './panels/RiskPanel'
import { PanelSplitter } from './panels/PanelSplitter'
import { ReadFigure } from './panels/ReadFigure'
import { SkipLinks } from './panels/SkipLinks'
import { StudyPanel } from './panels/StudyPanel'
import { zoomActual, zoomBy, zoomFit } from './store/actions'
import { reviewDirty, useReview } from './store/review'
import { axesOf, isDirty, redo, undo, useStudy, type PanelTab, type ToolName } from './store/store'

const menuActions: Record<MenuCommand, () => void> = {
  'open-figure': commands.openFigure,
  'open-study': commands.openStudy,
  save: commands.save,
  'save-as': commands.saveAs,
  'import-points': commands.importPoints,
  'export-ipd': commands.exportIpd,
  'export-summary': commands.exportSummary,
  'export-png': commands.exportPng,
  // A field's own undo while one is focused; the study's otherwise.
  undo: () => (isTextField(document.activeElement) ? document.execCommand('undo') : undo()),
  redo: () => (isTextField(document.activeElement) ? document.execCommand('redo') : redo()),
  'zoom-fit': zoomFit,
  'zoom-100': zoomActual,
  'zoom-in': () => zoomBy(1.25),
  'zoom-out': () => zoomBy(0.8),
  'new-review': review.newReview,
  'open-review': review.openReview,
  'save-review': review.saveReview,
  'open-example-review': review.openExampleReview,
}

const toolButtons: [ToolName, string, string][] = [
  ['axes', 'Axes', 'C'],
  ['add', 'Add points', 'A'],
  ['select', 'Select', 'V'],
  ['eyedropper', 'Eyedropper', 'I'],
  ['mask', 'Mask', 'M'],
  ['pan', 'Pan', 'H'],
]

const tabs: [PanelTab, string][] = [
  ['axes', '1 Axes'],
  ['curves', '2 Curves'],
  ['risk', '3 Risk table'],
  ['study', '4 Study'],
]

function Toolbar() {
  const tool = useStudy((s) => s.tool)
  const scale = useStudy((s) => s.view.scale)
  const canUndo = useStudy((s) => s.history.past.length > 0)
  const canRedo = useStudy((s) => s.history.future.length > 0)
  const hasFigure = useStudy((s) => s.study.figure !== null)
  return (
    <header className="toolbar" role="toolbar" aria-label="Study">
      <span className="brand">kmpool</span>
      <div className="group segmented" role="radiogroup" aria-label="View">
        <button type="button" role="radio" aria-checked>
          Study
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={false}
          onClick={() => useReview.setState({ mode: 'review' })}
        >
          Review
        </button>
      </div>
      <div className="group">
        <button type="button" onClick={commands.openFigure} title="Ctrl+O">
          Open figure
        </button>
        <button
          type="button"
          className="secondary"
          onClick={commands.openStudy}
          title="Ctrl+Shift+O"
        >
          Open study
        </button>
        <button
          type="button"
          className="secondary"
          onClick={commands.save}
          disabled={!hasFigure}
          title="Ctrl+S"
        >
          Save
        </button>
        <button
          type="button"
          className="secondary"
          onClick={commands.saveAs}
          disabled={!hasFigure}
          title="Ctrl+Shift+S"
        >
          Save as
        </button>
        <details className="menu">
          <summary className="secondary">Export</summary>
          <div
            className="menu-items"
            onClick={(e) => e.currentTarget.closest('details')?.removeAttribute('open')}
          >
            <button type="button" onClick={commands.exportIpd}>
              IPD CSV (all curves)
            </button>
            <button type="button" onClick={commands.exportSummary}>
              KM summary CSV
            </button>
            <button type="button" onClick={commands.exportPoints}>
              Digitized points (WebPlotDigitizer CSV)
            </button>
            <button type="button" onClick={commands.exportPng}>
              Figure with overlay (PNG)
            </button>
          </div>
        </details>
      </div>
      <div className="group">
        <button
          type="button"
          className="secondary"
          onClick={undo}
          disabled={!canUndo}
          title="Ctrl+Z"
        >
          Undo
        </button>
        <button
          type="button"
          className="secondary"
          onClick={redo}
          disabled={!canRedo}
          title="Ctrl+Shift+Z"
        >
          Redo
        </button>
      </div>
      <div className="group segmented" role="radiogroup" aria-label="Tool">
        {toolButtons.map(([name, label, key]) => (
          <button
            key={name}
            type="button"
            role="radio"
            aria-checked={tool === name}
            title={`${label} (${key})`}
            onClick={() => useStudy.setState({ tool: name })}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="group">
        <button type="button" className="secondary" onClick={zoomFit} title="Ctrl+0">
          Fit
        </button>
        <button type="button" className="secondary" onClick={zoomActual} title="Ctrl+1">
          100%
        </button>
        <span className="zoom" aria-label="Zoom">
          {Math.round(scale * 100)}%
        </span>
      </div>
    </header>
  )
}

function Sidebar() {
  const tab = useStudy((s) => s.tab)
  return (
    <nav className="sidebar" aria-label="Steps">
      <ReadFigure />
      <div className="tabs" role="tablist">
        {tabs.map(([name, label]) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => useStudy.setState({ tab: name })}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        {tab === 'axes' && <CalibrationPanel />}
        {tab === 'curves' && <CurvesPanel />}
        {tab === 'risk' && <RiskPanel />}
        {tab === 'study' && <StudyPanel />}
      </div>
    </nav>
  )
}

function StatusBar() {
  const pointer = usePointer((s) => s.pointer)
  const calibration = useStudy((s) => s.study.calibration)
  const notice = useStudy((s) => s.notice)
  const file = useStudy((s) => s.file)
  const dirty = useStudy(isDirty)
  const axes = axesOf(calibration)
  const at = pointer && axes ? axes.toData(pointer.image.x, pointer.image.y) : null
  const percent = calibration?.yScale === 'percent'
  return (
    <footer className="statusbar" aria-label="Status">
      <span className="file">
        {file?.name ?? 'unsaved study'}
        {dirty ? ' •' : ''}
      </span>
      {notice && (
        <span
          className={`notice ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
          <button
            type="button"
            className="icon"
            aria-label="Dismiss"
            onClick={() => useStudy.setState({ notice: null })}
          >
            ×
          </button>
        </span>
      )}
      <span className="coords">
        {pointer && `x ${pointer.image.x.toFixed(1)}, y ${pointer.image.y.toFixed(1)} px`}
        {at &&
          ` · t ${at.time.toFixed(2)} ${calibration?.timeUnit}, S ${
            percent ? `${(at.surv * 100).toFixed(1)}%` : at.surv.toFixed(3)
          }`}
      </span>
    </footer>
  )
}

/** The reconstruction panel's default width, as the stylesheet sets it (clamp(330px, 22vw, 520px)). */
function defaultResultsWidth(): number {
  return Math.round(Math.min(520, Math.max(330, 0.22 * window.innerWidth)))
}

export function App() {
  useEffect(() => {
    const stopReconstruction = startLiveReconstruction()
    const stopKeyboard = installKeyboard()
    const stopAutosave = startAutosave()
    void offerRecovery()
    const stopMenu = window.kmpool.onMenuCommand((command) => {
      // A menu command is a gesture too: what the last message described is over.
      useStudy.setState({ notice: null })
      menuActions[command]()
    })
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!isDirty()) return
      e.preventDefault()
      // Electron and older Chromium only ask when the legacy return value is set too.
      e.returnValue = ''
    }
    const drop = (e: DragEvent) => {
      e.preventDefault()
      const file = e.dataTransfer?.files[0]
      if (file) void commands.openDropped(file)
    }
    const dragOver = (e: DragEvent) => e.preventDefault()
    const paste = (e: ClipboardEvent) => {
      if (isTextField(e.target)) return
      const item = [...(e.clipboardData?.items ?? [])].find((i) => i.type.startsWith('image/'))
      const blob = item?.getAsFile()
      if (!blob) return
      e.preventDefault()
      void commands.openPasted(blob)
    }
    // A message belongs to the moment it describes (issue 13): the next gesture elsewhere ends it
    // ("Pasted …" once the reviewer moves on, "Found 2 curves" once they are added). Captured
    // before the gesture's own handlers, so a message the gesture itself gives stays.
    const endNotice = (e: Event) => {
      if (useStudy.getState().notice === null) return
      if (e.target instanceof Element && e.target.closest('.statusbar')) return
      if (e instanceof KeyboardEvent) {
        if (['Shift', 'Control', 'Alt', 'Meta', 'CapsLock'].includes(e.key)) return
        // Copying the message's text is not a new gesture on the study.
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') return
      }
      useStudy.setState({ notice: null })
    }
    window.addEventListener('pointerdown', endNotice, true)
    window.addEventListener('keydown', endNotice, true)
    window.addEventListener('beforeunload', beforeUnload)
    window.addEventListener('drop', drop)
    window.addEventListener('dragover', dragOver)
    window.addEventListener('paste', paste)
    return () => {
      stopReconstruction()
      stopKeyboard()
      stopAutosave()
      stopMenu()
      window.removeEventListener('pointerdown', endNotice, true)
      window.removeEventListener('keydown', endNotice, true)
      window.removeEventListener('beforeunload', beforeUnload)
      window.removeEventListener('drop', drop)
      window.removeEventListener('dragover', dragOver)
      window.removeEventListener('paste', paste)
    }
  }, [])

  // The first start opens the example review; main remembers that it has.
  useEffect(() => {
    void review.startReview()
    const stopReviewAutosave = startReviewAutosave()
    const stopReport = reportUnsaved()
    const stopGuard = review.guardUnsavedReview()
    return () => {
      stopReviewAutosave()
      stopReport()
      stopGuard()
    }
  }, [])
  const mode = useReview((s) => s.mode)

  const fileName = useStudy((s) => s.file?.name)
  const dirty = useStudy(isDirty)
  const reviewName = useReview((s) => s.file?.name)
  const reviewIsDirty = useReview((s) => reviewDirty(s))
  const readOnly = useReview((s) => s.readOnly)
  // The title names what the window shows: the review or the study, and whether it is unsaved.
  useEffect(() => {
    document.title =
      mode === 'review'
        ? `${reviewIsDirty ? '• ' : ''}${
            reviewName === undefined
              ? 'no review open'
              : `${reviewName}${readOnly ? ' (example, read-only)' : ''}`
          } — review — kmpool`
        : `${dirty ? '• ' : ''}${fileName ?? 'unsaved study'} — study — kmpool`
  }, [mode, fileName, dirty, reviewName, reviewIsDirty, readOnly])

  // The reconstruction panel's width as the reviewer dragged it; null: the layout's default.
  const [resultsWidth, setResultsWidth] = useState<number | null>(null)

  if (mode === 'review') {
    return (
      <>
        <ReviewView />
        <Prompt />
      </>
    )
  }
  return (
    <div
      className="app"
      style={
        resultsWidth === null
          ? undefined
          : ({ '--results-width': `${resultsWidth}px` } as CSSProperties)
      }
    >
      <SkipLinks
        targets={[
          ['.tab-body', 'Skip to the step panel'],
          ['.figure-canvas', 'Skip to the figure'],
          ['.results', 'Skip to the reconstruction'],
        ]}
      />
      <Toolbar />
      <Sidebar />
      <main className="canvas-area">
        <FigureCanvas />
      </main>
      <ResultsPanel />
      <PanelSplitter width={resultsWidth ?? defaultResultsWidth()} onWidth={setResultsWidth} />
      <StatusBar />
      <PdfPagePicker />
      <Prompt />
    </div>
  )
}
