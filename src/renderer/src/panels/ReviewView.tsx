/**
 * The review view: a toolbar for review files and exports, the studies table, the pooling
 * settings and the results, recomputed by main whenever the review changes.
 */
import { useEffect } from 'react'
import * as review from '../io/review'
import { reviewDirty, useReview } from '../store/review'
import { ReviewResults } from './ReviewResults'
import { ReviewSettingsBar } from './ReviewSettingsBar'
import { ReviewStudies } from './ReviewStudies'
import { SkipLinks } from './SkipLinks'
import './review.css'

function ReviewToolbar() {
  const file = useReview((s) => s.file)
  const dirty = useReview((s) => reviewDirty(s))
  const computing = useReview((s) => s.computing)
  const readOnly = useReview((s) => s.readOnly)
  return (
    <header className="toolbar" role="toolbar" aria-label="Review">
      <span className="brand">kmpool</span>
      <div className="group segmented" role="radiogroup" aria-label="View">
        <button
          type="button"
          role="radio"
          aria-checked={false}
          onClick={() => useReview.setState({ mode: 'study' })}
        >
          Study
        </button>
        <button type="button" role="radio" aria-checked>
          Review
        </button>
      </div>
      <div className="group">
        <button type="button" className="secondary" onClick={() => void review.newReview()}>
          New review
        </button>
        <button type="button" className="secondary" onClick={() => void review.openReview()}>
          Open review
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void review.saveReview()}
          disabled={!file || !dirty}
        >
          Save review
        </button>
        <button type="button" onClick={() => void review.exportReview()} disabled={!file}>
          Export results…
        </button>
      </div>
      <span className="review-file">
        {file
          ? `${file.name}${readOnly ? ' (example, read-only)' : ''}${dirty ? ' •' : ''}`
          : 'no review open'}
        {computing && <span className="muted"> · computing…</span>}
      </span>
    </header>
  )
}

function ReviewNotice() {
  const notice = useReview((s) => s.notice)
  if (!notice) return null
  return (
    <span className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      {notice.text}
      <button
        type="button"
        className="icon"
        aria-label="Dismiss"
        onClick={() => useReview.setState({ notice: null })}
      >
        ×
      </button>
    </span>
  )
}

export function ReviewView() {
  const title = useReview((s) => s.review?.title)
  const open = useReview((s) => s.review !== null)
  const revision = useReview((s) => s.revision)
  useEffect(() => review.startReviewComputation(), [])
  return (
    <div className="review-app">
      <SkipLinks
        targets={[
          ['.review-settings', 'Skip to the pooling settings'],
          ['.review-results-start', 'Skip to the results'],
          ['.review-studies', 'Skip to the studies'],
        ]}
      />
      <ReviewToolbar />
      <main className="review-body" data-revision={revision}>
        {open ? (
          <>
            <h1>{title || 'Untitled review'}</h1>
            <ReviewStudies />
            <ReviewSettingsBar />
            <div className="review-results-start" aria-label="Results" role="region">
              <ReviewResults />
            </div>
          </>
        ) : (
          <div className="review-empty">
            <p>No review is open.</p>
            <button type="button" onClick={() => void review.openExampleReview()}>
              Open the example review
            </button>
          </div>
        )}
      </main>
      <footer className="statusbar" aria-label="Status">
        <ReviewNotice />
      </footer>
    </div>
  )
}
