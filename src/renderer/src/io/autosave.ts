/**
 * No lost work: a moment after each change the open study goes to main, which keeps it in the
 * recovery folder until the study is saved or closed; on start, what a crashed session left there
 * is offered back. The review view autosaves through the same channel with kind 'review'.
 */
import type { RecoveryEntry } from '../../../shared/ipc/contract'
import { emptyStudy } from '../../../shared/model/study'
import { isDirty, loadStudy, notify, useStudy, type StudyState } from '../store/store'
import { loadReview, notifyReview, reviewDirty, useReview, type ReviewState } from '../store/review'
import { showFigure } from './figure'
import { ask } from './prompt'
import { messageOf } from './messages'

/** Quiet time after the last change before the study is autosaved. */
export const AUTOSAVE_DELAY_MS = 2000
/** While changes keep coming, the longest a change waits to be autosaved. */
export const AUTOSAVE_MAX_WAIT_MS = 30_000

// The recovery file of this window's study; a recovered study keeps the key it was found under.
let key: string = crypto.randomUUID()
// Whether a recovery file under `key` may exist, to be removed once the study is saved.
let kept = false

/** Autosaves the study while it has unsaved changes; answers the function that stops it. */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirtySince: number | null = null

  const write = async () => {
    timer = undefined
    dirtySince = null
    const { study, file } = useStudy.getState()
    if (!isDirty()) return
    try {
      await window.kmpool.saveRecovery({
        kind: 'study',
        key,
        document: study,
        ...(file ? { file: file.token } : {}),
      })
      kept = true
    } catch (error) {
      notify('error', `Cannot autosave the study: ${messageOf(error)}`)
    }
  }

  const changed = (state: StudyState, previous: StudyState) => {
    if (state.study === previous.study && state.savedStudy === previous.savedStudy) return
    if (!isDirty(state)) {
      clearTimeout(timer)
      timer = undefined
      dirtySince = null
      if (kept) {
        kept = false
        void window.kmpool.discardRecovery({ key }).catch(() => undefined)
      }
      return
    }
    const now = Date.now()
    dirtySince ??= now
    clearTimeout(timer)
    timer = setTimeout(
      () => void write(),
      Math.max(0, Math.min(AUTOSAVE_DELAY_MS, dirtySince + AUTOSAVE_MAX_WAIT_MS - now)),
    )
  }

  const stop = useStudy.subscribe(changed)
  return () => {
    stop()
    clearTimeout(timer)
  }
}

// The recovery file of this window's review, kept apart from the study's.
let reviewKey: string = crypto.randomUUID()
let reviewKept = false

/**
 * Autosaves the open review (its .kmreview document: title, studies, settings) while it has
 * unsaved changes, as the study is autosaved; answers the function that stops it.
 */
export function startReviewAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirtySince: number | null = null

  const write = async () => {
    timer = undefined
    dirtySince = null
    const { review, file } = useReview.getState()
    if (!review || !reviewDirty()) return
    try {
      await window.kmpool.saveRecovery({
        kind: 'review',
        key: reviewKey,
        document: review,
        ...(file ? { file: file.token } : {}),
      })
      reviewKept = true
    } catch (error) {
      notifyReview('error', `Cannot autosave the review: ${messageOf(error)}`)
    }
  }

  const changed = (state: ReviewState, previous: ReviewState) => {
    if (state.review === previous.review && state.savedReview === previous.savedReview) return
    // Another review opened: the one autosaved before was saved or discarded by the reviewer.
    const other = state.file?.token !== previous.file?.token
    if (!reviewDirty(state) || other) {
      clearTimeout(timer)
      timer = undefined
      dirtySince = null
      if (reviewKept) {
        reviewKept = false
        const stale = reviewKey
        void window.kmpool.discardRecovery({ key: stale }).catch(() => undefined)
      }
      if (other) reviewKey = crypto.randomUUID()
      if (!reviewDirty(state)) return
    }
    const now = Date.now()
    dirtySince ??= now
    clearTimeout(timer)
    timer = setTimeout(
      () => void write(),
      Math.max(0, Math.min(AUTOSAVE_DELAY_MS, dirtySince + AUTOSAVE_MAX_WAIT_MS - now)),
    )
  }

  const stop = useReview.subscribe(changed)
  return () => {
    stop()
    clearTimeout(timer)
  }
}

/**
 * Tells main which documents have unsaved changes whenever that changes, so that its close
 * dialog names the study, the review or both; answers the function that stops it.
 */
export function reportUnsaved(): () => void {
  let last = ''
  const report = () => {
    const unsaved = { study: isDirty(), review: reviewDirty() }
    const now = JSON.stringify(unsaved)
    if (now === last) return
    last = now
    void window.kmpool.setUnsaved(unsaved).catch(() => undefined)
  }
  report()
  const stopStudy = useStudy.subscribe(report)
  const stopReview = useReview.subscribe(report)
  return () => {
    stopStudy()
    stopReview()
  }
}

function describe(entry: RecoveryEntry): string {
  const when = new Date(entry.savedAt).toLocaleString()
  const what = entry.name
    ? `changes to ${entry.name}`
    : entry.kind === 'review'
      ? 'an unsaved review'
      : 'an unsaved study'
  return `kmpool closed unexpectedly. It kept ${what} from ${when}.`
}

/** Offers back each study and review a crashed session left unsaved, one question at a time. */
export async function offerRecovery(): Promise<void> {
  try {
    const { entries, problems } = await window.kmpool.listRecovery()
    if (problems.length) notify('error', problems.join(' '))
    // Only one study and one review are open at a time: the rest wait for the next start.
    let study = false
    let review = false
    for (const entry of entries) {
      if (entry.kind === 'study' ? study : review) continue
      const time = new Date(entry.savedAt).toLocaleTimeString()
      const title =
        entry.kind === 'review'
          ? `Recover unsaved review ${entry.name ?? ''} from ${time}?`.replace('  ', ' ')
          : `Recover unsaved work from ${time}?`
      const choice = await ask(title, describe(entry), [
        { id: 'recover', label: 'Recover', primary: true },
        { id: 'discard', label: 'Discard' },
        { id: 'later', label: 'Ask me next time' },
      ])
      if (choice === 'discard') await window.kmpool.discardRecovery({ key: entry.key })
      if (choice !== 'recover') continue
      const recovered = await window.kmpool.restoreRecovery({ key: entry.key })
      if (recovered.kind === 'review') {
        if (!recovered.file) {
          notify('error', 'The recovered review has no file to save it to; it was kept for now.')
          continue
        }
        loadReview(recovered.review, recovered.file)
        // Unsaved until saved, and autosaved under its key meanwhile; Save Review writes it
        // back to the file it came from.
        useReview.setState({ savedReview: null })
        reviewKey = entry.key
        reviewKept = true
        review = true
        notifyReview(
          'info',
          `Recovered ${recovered.file.name}; save the review to keep the changes.`,
        )
        continue
      }
      await showFigure(recovered.study.figure)
      loadStudy(recovered.study, recovered.file)
      // Recovered work is not saved yet: it stays marked so, and goes on being autosaved under
      // its key until it is.
      useStudy.setState({ savedStudy: emptyStudy() })
      key = entry.key
      kept = true
      notify(
        'info',
        `Recovered ${recovered.file?.name ?? 'the unsaved study'}; save it to keep the changes.`,
      )
      study = true
    }
  } catch (error) {
    notify('error', `Cannot recover unsaved work: ${messageOf(error)}`)
  }
}
