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
  loadReview(opened.review, opened.file)
  notifyReview('info', `Opened ${opened.file.name}: ${opened.review.studies.length} studies.`)
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
    const { review, file } = get()
    if (!review || !file) return
    const saved = await window.kmpool.saveReview({ review: file.token, content: review })
    useReview.setState({ savedReview: review })
    notifyReview('info', `Saved ${saved.name}.`)
  })

export const addReviewStudy = () =>
  attempt('Cannot add the study', async () => {
    const file = get().file
    if (!file) return
    const added = await window.kmpool.addReviewStudy({ review: file.token })
    if (!added) return
    if (!addStudy(added.path)) notifyReview('info', `${added.path} is in the review already.`)
  })

/** Writes a study's label and subgroup into its own file, where the review reads them. */
export const editReviewStudy = (path: string, label: string, subgroup: string) =>
  attempt('Cannot change the study', async () => {
    const file = get().file
    if (!file) return
    await window.kmpool.editReviewStudy({ review: file.token, path, label, subgroup })
    useReview.setState((s) => ({ studyEdits: s.studyEdits + 1 }))
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
        if (results.figureOutcome === null && results.outcomes.length) {
          const survival = results.outcomes.filter((o) => o.kind === 'survival')
          useReview.setState({ figure: (survival.at(-1) ?? results.outcomes[0]).id })
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
