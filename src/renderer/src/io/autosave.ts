/**
 * No lost work: a moment after each change the open study goes to main, which keeps it in the
 * recovery folder until the study is saved or closed; on start, what a crashed session left there
 * is offered back. The review view autosaves through the same channel with kind 'review'.
 */
import type { RecoveryEntry, RequestOf } from '../../../shared/ipc/contract'
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

/** A document's recovery file: its key, and whether a file under it may exist. */
interface RecoverySlot {
  key: string
  kept: boolean
}

// This window's study and review each have their own recovery file; a recovered document keeps
// the key it was found under.
const studySlot: RecoverySlot = { key: crypto.randomUUID(), kept: false }
const reviewSlot: RecoverySlot = { key: crypto.randomUUID(), kept: false }

interface AutosaveSource<S> {
  slot: RecoverySlot
  subscribe: (listener: (state: S, previous: S) => void) => () => void
  /** Whether the document or its saved version changed between two states. */
  changed: (state: S, previous: S) => boolean
  dirty: (state?: S) => boolean
  /** Whether another document replaced the one autosaved so far. */
  replaced: (state: S, previous: S) => boolean
  /** The request that autosaves the document now, or null when there is nothing to save. */
  request: (key: string) => RequestOf<'recovery:save'> | null
  failed: (message: string) => void
}

/**
 * Autosaves one document while it has unsaved changes: AUTOSAVE_DELAY_MS after the last change,
 * and at least every AUTOSAVE_MAX_WAIT_MS while changes keep coming; its recovery file is removed
 * once the document is saved or replaced. Answers the function that stops it.
 */
function autosave<S>(source: AutosaveSource<S>): () => void {
  const { slot } = source
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirtySince: number | null = null

  const write = async () => {
    timer = undefined
    dirtySince = null
    if (!source.dirty()) return
    const request = source.request(slot.key)
    if (!request) return
    try {
      await window.kmpool.saveRecovery(request)
      slot.kept = true
    } catch (error) {
      source.failed(messageOf(error))
    }
  }

  const changed = (state: S, previous: S) => {
    if (!source.changed(state, previous)) return
    const replaced = source.replaced(state, previous)
    if (!source.dirty(state) || replaced) {
      clearTimeout(timer)
      timer = undefined
      dirtySince = null
      if (slot.kept) {
        slot.kept = false
        void window.kmpool.discardRecovery({ key: slot.key }).catch(() => undefined)
      }
      if (replaced) slot.key = crypto.randomUUID()
      if (!source.dirty(state)) return
    }
    const now = Date.now()
    dirtySince ??= now
    clearTimeout(timer)
    timer = setTimeout(
      () => void write(),
      Math.max(0, Math.min(AUTOSAVE_DELAY_MS, dirtySince + AUTOSAVE_MAX_WAIT_MS - now)),
    )
  }

  const stop = source.subscribe(changed)
  return () => {
    stop()
    clearTimeout(timer)
  }
}

/** Autosaves the study while it has unsaved changes; answers the function that stops it. */
export function startAutosave(): () => void {
  return autosave<StudyState>({
    slot: studySlot,
    subscribe: (listener) => useStudy.subscribe(listener),
    changed: (state, previous) =>
      state.study !== previous.study || state.savedStudy !== previous.savedStudy,
    dirty: (state) => isDirty(state),
    // Opening another study replaces the document through a save or a discard the user chose.
    replaced: () => false,
    request: (key) => {
      const { study, file } = useStudy.getState()
      return { kind: 'study', key, document: study, ...(file ? { file: file.token } : {}) }
    },
    failed: (message) => notify('error', `Cannot autosave the study: ${message}`),
  })
}

/**
 * Autosaves the open review (its .kmreview document: title, studies, settings) while it has
 * unsaved changes, as the study is autosaved; answers the function that stops it.
 */
export function startReviewAutosave(): () => void {
  return autosave<ReviewState>({
    slot: reviewSlot,
    subscribe: (listener) => useReview.subscribe(listener),
    changed: (state, previous) =>
      state.review !== previous.review || state.savedReview !== previous.savedReview,
    dirty: (state) => reviewDirty(state),
    // Another review opened: the one autosaved before was saved or discarded by the reviewer.
    replaced: (state, previous) => state.file?.token !== previous.file?.token,
    request: (key) => {
      const { review, file } = useReview.getState()
      if (!review) return null
      return { kind: 'review', key, document: review, ...(file ? { file: file.token } : {}) }
    },
    failed: (message) => notifyReview('error', `Cannot autosave the review: ${message}`),
  })
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
        loadReview(recovered.review, recovered.file, recovered.readOnly === true)
        // Unsaved until saved, and autosaved under its key meanwhile; Save Review writes it
        // back to the file it came from.
        useReview.setState({ savedReview: null })
        reviewSlot.key = entry.key
        reviewSlot.kept = true
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
      studySlot.key = entry.key
      studySlot.kept = true
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
