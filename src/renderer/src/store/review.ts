/**
 * The review view's state: the open review (the document: its studies and pooling settings, saved
 * to its .kmreview file), the results main computed for it, and which mode the window shows.
 * Main computes; every change to the review asks it again (review.ts in io/).
 */
import { create } from 'zustand'
import type { FileRef } from '../../../shared/ipc/contract'
import type { Review, ReviewSettings, ReviewStudy } from '../../../shared/model/review'
import type { ReviewView } from '../../../shared/review/reviewView'
import { useStudy } from './store'

export type AppMode = 'study' | 'review'

export interface ReviewNotice {
  kind: 'error' | 'info'
  text: string
}

export interface ReviewState {
  mode: AppMode
  review: Review | null
  /** The review as last opened or saved: unsaved while `review` is another object. */
  savedReview: Review | null
  file: FileRef | null
  results: ReviewView | null
  /** The outcome whose forest and funnel plots are shown. */
  figure: string | null
  /** Bumped when a study file changed (its label or subgroup edited): the results are stale. */
  studyEdits: number
  computing: boolean
  error: string | null
  /** Results received so far; tests and the benchmark wait on it. */
  revision: number
  notice: ReviewNotice | null
  /**
   * The open review ships with the app (the example): its files are never written; saving it, or
   * changing one of its study files, first offers to save a copy in the user's folder.
   */
  readOnly: boolean
}

export const useReview = create<ReviewState>(() => ({
  mode: 'study',
  review: null,
  savedReview: null,
  file: null,
  results: null,
  figure: 'survival_60',
  studyEdits: 0,
  computing: false,
  error: null,
  revision: 0,
  notice: null,
  readOnly: false,
}))

const get = () => useReview.getState()
const set = useReview.setState

export function loadReview(review: Review, file: FileRef, readOnly = false): void {
  set({ review, savedReview: review, file, results: null, error: null, mode: 'review', readOnly })
}

export function reviewDirty(state: ReviewState = get()): boolean {
  return state.review !== state.savedReview
}

export function notifyReview(kind: ReviewNotice['kind'], text: string): void {
  set({ notice: { kind, text } })
}

function editReview(fn: (review: Review) => Review): void {
  const review = get().review
  // A read-only review changes in memory too; saving it offers a copy (io/review.ts).
  if (review) set({ review: fn(review) })
}

export function setSettings(patch: Partial<ReviewSettings>): void {
  editReview((r) => ({ ...r, settings: { ...r.settings, ...patch } }))
}

export function setStudy(index: number, patch: Partial<ReviewStudy>): void {
  editReview((r) => ({
    ...r,
    studies: r.studies.map((s, i) => (i === index ? { ...s, ...patch } : s)),
  }))
}

/** Moves study `index` by `by` places (−1 up, +1 down), within the list. */
export function moveStudy(index: number, by: number): void {
  editReview((r) => {
    const to = index + by
    if (to < 0 || to >= r.studies.length) return r
    const studies = [...r.studies]
    const [moved] = studies.splice(index, 1)
    studies.splice(to, 0, moved)
    return { ...r, studies }
  })
}

export function removeStudy(index: number): void {
  editReview((r) => ({ ...r, studies: r.studies.filter((_, i) => i !== index) }))
}

/** Adds a study by its path, unless the review lists it already; answers whether it did. */
export function addStudy(path: string): boolean {
  const review = get().review
  if (!review || review.studies.some((s) => s.path === path)) return false
  editReview((r) => ({ ...r, studies: [...r.studies, { path, included: true, reason: '' }] }))
  return true
}

/** Survival times as typed ("12, 24, 36"): increasing positive numbers, or null. */
export function parseTimes(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '')
  const times = parts.map(Number)
  const ok = times.every((t, i) => Number.isFinite(t) && t > 0 && (i === 0 || t > times[i - 1]))
  return ok ? times : null
}

// A message belongs to the moment it describes ("Wrote 38 files", "Saved"): a change to the
// review or to one of its study files afterwards clears it.
useReview.subscribe((s, prev) => {
  const changed = s.review !== prev.review || s.studyEdits !== prev.studyEdits
  if (changed && s.notice !== null && s.notice === prev.notice) useReview.setState({ notice: null })
})

// A study loaded from anywhere (the review's Open button, File → Open Study, a recovered study)
// is shown in the study view.
useStudy.subscribe((s, prev) => {
  if (s.fitRequest !== prev.fitRequest) useReview.setState({ mode: 'study' })
})
