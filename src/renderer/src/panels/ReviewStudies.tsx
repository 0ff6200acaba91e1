/**
 * The review's studies in one table: label and subgroup (written into each study's own file),
 * inclusion with its reason, status, order, removal, and a link into the study view.
 */
import { useState } from 'react'
import type { ReviewStudy } from '../../../shared/model/review'
import type { ReviewStudyView } from '../../../shared/review/reviewView'
import { addReviewStudy, editReviewStudy, excludeStudy, openReviewStudy } from '../io/review'
import { moveStudy, removeStudy, setStudy, useReview } from '../store/review'

/** A text field that commits on Enter or when it loses focus, not on every key. */
function CommitField(props: {
  value: string
  label: string
  placeholder?: string
  onCommit: (value: string) => void
}) {
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft !== props.value) props.onCommit(draft)
    setDraft(null)
  }
  return (
    <input
      type="text"
      aria-label={props.label}
      placeholder={props.placeholder}
      value={draft ?? props.value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          // No keypress after it: a question the commit asks must not take this Enter too.
          e.preventDefault()
          commit()
        }
        if (e.key === 'Escape') setDraft(null)
      }}
    />
  )
}

function statusText(view: ReviewStudyView | undefined): { text: string; kind: string } {
  if (!view) return { text: '…', kind: 'muted' }
  const s = view.status
  if (view.excludedReason && view.included) return { text: view.excludedReason, kind: 'error' }
  const parts = [
    s.figure ? (s.calibrated ? 'calibrated' : 'not calibrated') : 'no figure',
    s.curves ? `${s.curves} curve${s.curves === 1 ? '' : 's'}, ${s.points} points` : null,
    s.reconstructed ? 'reconstructed' : view.source === 'published' ? 'published numbers' : null,
  ].filter((p): p is string => p !== null)
  if (!view.included) return { text: ['left out', ...parts].join(' · '), kind: 'muted' }
  return { text: parts.join(' · '), kind: s.warnings.length ? 'warn' : 'ok' }
}

function StudyRow(props: { entry: ReviewStudy; index: number; count: number }) {
  const { entry, index, count } = props
  const view = useReview((s) => s.results?.studies.find((v) => v.path === entry.path))
  const status = statusText(view)
  const record = view?.record
  const name = view?.label ?? entry.path
  return (
    <tr className={entry.included ? '' : 'excluded'} data-study={entry.path}>
      <td className="num">{index + 1}</td>
      <td>
        {record ? (
          <CommitField
            label={`Label of ${entry.path}`}
            value={record.label}
            placeholder={view?.label}
            onCommit={(label) => void editReviewStudy(entry.path, label, record.subgroup)}
          />
        ) : (
          <span title={entry.path}>{name}</span>
        )}
      </td>
      <td>
        {record && (
          <CommitField
            label={`Subgroup of ${name}`}
            value={record.subgroup}
            onCommit={(subgroup) => void editReviewStudy(entry.path, record.label, subgroup)}
          />
        )}
      </td>
      <td className="center">
        <input
          type="checkbox"
          aria-label={`Include ${name}`}
          checked={entry.included}
          onChange={(e) => excludeStudy(index, e.target.checked)}
        />
      </td>
      <td>
        {!entry.included && (
          <CommitField
            label={`Why ${name} is excluded`}
            placeholder="reason for excluding"
            value={entry.reason}
            onCommit={(reason) => setStudy(index, { reason })}
          />
        )}
      </td>
      <td className={`study-status ${status.kind}`}>
        {status.text}
        {view && view.status.warnings.length > 0 && (
          <span className="warnings" title={view.status.warnings.join('\n')}>
            {' '}
            · {view.status.warnings.length} warning{view.status.warnings.length === 1 ? '' : 's'}
          </span>
        )}
      </td>
      <td className="actions">
        <button
          type="button"
          className="icon"
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() => moveStudy(index, -1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => moveStudy(index, 1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!record}
          aria-label={`Open ${name}`}
          onClick={() => void openReviewStudy(entry.path)}
        >
          Open
        </button>
        <button
          type="button"
          className="icon"
          aria-label={`Remove ${name}`}
          onClick={() => removeStudy(index)}
        >
          ×
        </button>
      </td>
    </tr>
  )
}

const NONE: ReviewStudy[] = []

export function ReviewStudies() {
  const studies = useReview((s) => s.review?.studies ?? NONE)
  return (
    <section className="review-section review-studies" aria-label="Studies">
      <div className="section-head">
        <h2>Studies ({studies.length})</h2>
        <button type="button" className="secondary" onClick={() => void addReviewStudy()}>
          Add study…
        </button>
      </div>
      <table className="review-table studies">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Label</th>
            <th>Subgroup</th>
            <th>Included</th>
            <th>Reason</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {studies.map((entry, i) => (
            <StudyRow key={entry.path} entry={entry} index={i} count={studies.length} />
          ))}
        </tbody>
      </table>
    </section>
  )
}
