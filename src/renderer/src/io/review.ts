/**
 * What the review view does with files and with main: open, create, save and export reviews, add
 * and edit studies, and keep the results in step with the review. Each failure becomes a notice.
 */
import type { OpenedReview } from '../../../shared/ipc/contract'
import { isDirty, loadStudy, notify } from '../store/store'
import {
  addStudy,
  loadReview,
  notifyReview,
  reviewDirty,
  setStudy,
  useReview,
} from '../store/review'
import { showFigure } from './figure'
import { messageOf } from './messages'
import { ask } from './prompt'

const get = () => useReview.getState()

async function attempt(what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action()
  } catch (error) {
    notifyReview('error', `${what}: ${messageOf(error)}`)
  }
}

function mayDiscard(): boolean {
  return !reviewDirty() || window.confirm('This review has unsaved changes. Discard them?')
}

function show(opened: OpenedReview | null): void {
  if (!opened) return
  loadReview(opened.review, opened.file, opened.readOnly === true)
  notifyReview(
    'info',
    opened.readOnly
      ? `Opened the example review (${opened.review.studies.length} studies; read-only: saving it or changing a study offers a copy in your folder). Your own work: Study → Open figure, or New review.`
      : `Opened ${opened.file.name}: ${opened.review.studies.length} studies.`,
  )
}

let offering: Promise<boolean> | null = null
/** What the copy just made is, said once the change that asked for it is done. */
let copyNote: string | null = null

function postCopyNote(): void {
  if (copyNote) notifyReview('info', copyNote)
  copyNote = null
}

/**
 * The bundled example is never written (issue 13: typing a label rewrote its study file): the
 * first change asks to save a copy in the user's folder, opens the copy and makes the change
 * there. Answers whether the review is now writable.
 */
export function ensureWritable(): Promise<boolean> {
  if (!get().readOnly) return Promise.resolve(true)
  offering ??= (async () => {
    try {
      const choice = await ask(
        'The example review is read-only',
        'It ships with kmpool, so it is never changed. Save a copy in a folder of yours and make the change there?',
        [
          { id: 'copy', label: 'Save a copy…', primary: true },
          { id: 'cancel', label: 'Cancel' },
        ],
      )
      const file = get().file
      if (choice !== 'copy' || !file) return false
      const edited = reviewDirty() ? get().review : null
      const copy = await window.kmpool.copyExampleReview({ review: file.token })
      if (!copy) return false
      loadReview(copy.review, copy.file, copy.readOnly === true)
      // Changes made in memory (settings, order, exclusions) carry over, unsaved, to the copy.
      if (edited) useReview.setState({ review: edited })
      copyNote = `Saved a copy of the example review as ${copy.file.name}; changes go there.`
      return copy.readOnly !== true
    } catch (error) {
      notifyReview('error', `Cannot save a copy of the example review: ${messageOf(error)}`)
      return false
    } finally {
      offering = null
    }
  })()
  return offering
}

/**
 * The first start opens the example review (main remembers that it did), unless a review
 * recovered from a crash is open by then.
 */
export const startReview = () =>
  attempt('Cannot open the example review', async () => {
    const opened = await window.kmpool.startReview()
    if (!reviewDirty()) show(opened)
  })

export const openExampleReview = () =>
  attempt('Cannot open the example review', async () => {
    if (mayDiscard()) show(await window.kmpool.openExampleReview())
  })

export const openReview = () =>
  attempt('Cannot open the review', async () => {
    if (mayDiscard()) show(await window.kmpool.openReview())
  })

export const newReview = () =>
  attempt('Cannot create the review', async () => {
    if (mayDiscard()) show(await window.kmpool.createReview())
  })

export const saveReview = () =>
  attempt('Cannot save the review', async () => {
    if (!(await ensureWritable())) return
    const { review, file } = get()
    if (!review || !file) return
    const saved = await window.kmpool.saveReview({ review: file.token, content: review })
    useReview.setState({ savedReview: review })
    notifyReview('info', `Saved ${saved.name}.`)
    postCopyNote()
  })

export const addReviewStudy = () =>
  attempt('Cannot add the study', async () => {
    if (!(await ensureWritable())) return
    const file = get().file
    if (!file) return
    const added = await window.kmpool.addReviewStudy({ review: file.token })
    if (added && !addStudy(added.path)) {
      notifyReview('info', `${added.path} is in the review already.`)
    }
    postCopyNote()
  })

/** Writes a study's label and subgroup into its own file, where the review reads them. */
export const editReviewStudy = (path: string, label: string, subgroup: string) =>
  attempt('Cannot change the study', async () => {
    if (!(await ensureWritable())) return
    const file = get().file
    if (!file) return
    await window.kmpool.editReviewStudy({ review: file.token, path, label, subgroup })
    useReview.setState((s) => ({ studyEdits: s.studyEdits + 1 }))
    postCopyNote()
  })

/** Opens a study of the review in the study view. */
export const openReviewStudy = (path: string) =>
  attempt('Cannot open the study', async () => {
    const file = get().file
    if (!file) return
    if (isDirty() && !window.confirm('The open study has unsaved changes. Discard them?')) return
    const opened = await window.kmpool.openReviewStudy({ review: file.token, path })
    await showFigure(opened.study.figure)
    loadStudy(opened.study, opened.file)
    notify('info', `Opened ${opened.file.name} from the review.`)
    useReview.setState({ mode: 'study' })
  })

export const excludeStudy = (index: number, included: boolean) =>
  setStudy(index, included ? { included, reason: '' } : { included })

function request() {
  const { review, file } = get()
  if (!review || !file) return null
  return {
    review: file.token,
    title: review.title,
    settings: review.settings,
    studies: review.studies,
  }
}

export const exportReview = () =>
  attempt('Cannot export the results', async () => {
    const body = request()
    if (!body) return
    const exported = await window.kmpool.exportReview(body)
    if (exported) {
      notifyReview('info', `Wrote ${exported.files.length} files to ${exported.name}.`)
    }
  })

/**
 * Keeps the results in step with the review: whenever the review, the chosen figure or a study
 * file changes, main computes again. One request at a time; changes made meanwhile are folded
 * into the next one, so that dragging through settings never queues stale work.
 */
export function startReviewComputation(): () => void {
  let running = false
  let pending = false
  const run = async () => {
    if (running) {
      pending = true
      return
    }
    const body = request()
    if (!body) return
    running = true
    useReview.setState({ computing: true })
    try {
      const results = await window.kmpool.computeReview({ ...body, figure: get().figure })
      // A review opened meanwhile gets its own results from the pending request.
      if (get().file?.token === body.review) {
        useReview.setState((s) => ({ results, error: null, revision: s.revision + 1 }))
        const shown = results.outcomes.find((o) => o.id === results.figureOutcome)
        if ((shown === undefined || shown.k === 0) && results.outcomes.length) {
          // The forest plot shows an outcome that has studies: the longest survival time that
          // has any, else any outcome with studies.
          const withStudies = results.outcomes.filter((o) => o.k > 0)
          const survival = withStudies.filter((o) => o.kind === 'survival')
          const pick = survival.at(-1) ?? withStudies[0]
          if (pick && pick.id !== get().figure) useReview.setState({ figure: pick.id })
        }
      }
    } catch (error) {
      useReview.setState((s) => ({ error: messageOf(error), revision: s.revision + 1 }))
    } finally {
      running = false
      useReview.setState({ computing: false })
    }
    if (pending) {
      pending = false
      void run()
    }
  }
  void run()
  return useReview.subscribe((s, prev) => {
    if (s.review !== prev.review || s.figure !== prev.figure || s.studyEdits !== prev.studyEdits) {
      void run()
    }
  })
}

/** Asks before the window closes or reloads with unsaved changes to the review. */
export function guardUnsavedReview(): () => void {
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (!reviewDirty()) return
    e.preventDefault()
    // Electron and older Chromium only ask when the legacy return value is set too.
    e.returnValue = ''
  }
  window.addEventListener('beforeunload', beforeUnload)
  return () => window.removeEventListener('beforeunload', beforeUnload)
}
