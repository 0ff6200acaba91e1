/**
 * The review's results as main computed them: the survival, median and hazard ratio tables (per
 * study and pooled), the figures of one chosen outcome (forest, funnel with Egger's test,
 * leave-one-out), the pooled curves, every exclusion or correction with its reason, and the
 * methods paragraph. Numbers are worded by the same functions as the exported files.
 */
import type { Figure } from '../../../shared/figures/svg'
import type { EstimateTable } from '../../../shared/review/estimateTable'
import { methodInWords, noteInWords } from '../../../shared/review/methodWords'
import {
  estimateText,
  fixed,
  pEquals,
  timeText,
  valueText,
} from '../../../shared/review/numberText'
import type { OutcomeView, ReviewView } from '../../../shared/review/reviewView'
import type { SurvivalTable } from '../../../shared/review/survivalTable'
import type { ReactNode } from 'react'
import { useReview } from '../store/review'
import { OneStageSection } from './OneStageSection'

const SCREEN_SCALE = 1.6

function FigureImage({ figure, label }: { figure: Figure; label: string }) {
  return (
    <img
      className="review-figure"
      alt={label}
      // Figures are laid out in points for print; on screen they read best somewhat larger.
      width={Math.round(figure.width * SCREEN_SCALE)}
      height={Math.round(figure.height * SCREEN_SCALE)}
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(figure.svg)}`}
    />
  )
}

function SurvivalTableView({ table }: { table: SurvivalTable }) {
  return (
    <table className="review-table wide" aria-label="Survival table">
      <thead>
        <tr>
          <th>Study</th>
          <th className="num">n / k</th>
          {table.times.map((t) => (
            <th key={t} className="num">
              {timeText(t)} {table.timeUnit}, % (95% CI)
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) =>
          row.kind === 'study' ? (
            <tr key={`s${row.index}`} className="study-row">
              <StudyCells study={row.study} subgroup={row.subgroup} n={row.n} />
              {row.cells.map((c) => (
                <DetailCell
                  key={c.time}
                  className={`num ${c.excluded ? 'excluded' : ''}`}
                  detail={[c.method && methodInWords(c.method), c.reason && noteInWords(c.reason)]
                    .filter(Boolean)
                    .join('; ')}
                >
                  {estimateText('survival', c.surv, c.lower, c.upper)}
                  {c.nRisk !== null && <span className="muted"> n={c.nRisk}</span>}
                </DetailCell>
              ))}
            </tr>
          ) : (
            <tr key={`p${row.kind}${row.subgroup}`} className={`pooled-row ${row.kind}`}>
              <td>{pooledLabel({ ...row, k: Math.max(0, ...row.cells.map((c) => c.k)) })}</td>
              <td className="num">{Math.max(0, ...row.cells.map((c) => c.k))}</td>
              {row.cells.map((c) => (
                <DetailCell
                  key={c.time}
                  className="num"
                  data={{
                    'data-pooled': `${row.kind === 'overall' ? 'overall' : row.label}:${timeText(c.time)}`,
                    'data-value': c.surv ?? '',
                  }}
                  detail={[
                    c.k === 1
                      ? 'one study: its own estimate, no pooling'
                      : `I² ${fixed(c.I2, 1)}%, τ² ${fixed(c.tau2, 3)} (95% CI ${fixed(c.tau2Lower, 3)} to ${fixed(c.tau2Upper, 3)}), k ${c.k}`,
                    c.piLower !== null && c.piUpper !== null
                      ? `95% prediction interval ${fixed(100 * c.piLower, 1)}% to ${fixed(100 * c.piUpper, 1)}%`
                      : '',
                    c.studiesChanged
                      ? 'the studies pooled here differ from those at the previous time'
                      : '',
                    c.rises ? 'higher than at the previous time (pointwise pools)' : '',
                    c.curveSurv !== null
                      ? `pooled curve (all times in one model): ${fixed(100 * c.curveSurv, 1)}%`
                      : '',
                  ]
                    .filter(Boolean)
                    .join('; ')}
                >
                  {estimateText('survival', c.surv, c.lower, c.upper)}
                  {(c.studiesChanged || c.rises) && (
                    <span
                      className="muted"
                      title={c.rises ? 'rises from the previous time' : 'different studies'}
                    >
                      {c.rises ? ' ↑' : ' †'}
                    </span>
                  )}
                </DetailCell>
              ))}
            </tr>
          ),
        )}
      </tbody>
    </table>
  )
}

/**
 * A table cell with more to say than its number (the method, the reason, the heterogeneity): the
 * cell takes the keyboard focus and shows it, and a screen reader reads it with the number; the
 * mouse shows it on hover.
 */
function DetailCell(props: {
  className?: string
  detail: string
  data?: Record<string, string | number>
  children: ReactNode
}) {
  if (!props.detail)
    return (
      <td className={props.className} {...props.data}>
        {props.children}
      </td>
    )
  return (
    <td className={`${props.className ?? ''} has-detail`} tabIndex={0} {...props.data}>
      {props.children}
      <span className="cell-detail">{props.detail}</span>
    </td>
  )
}

/**
 * A pooled row's name: a subgroup of one study is that study's own estimate, said so, not a
 * "pooled" estimate with heterogeneity statistics it cannot have.
 */
function pooledLabel(row: {
  kind: 'subgroup' | 'overall' | 'sensitivity'
  label: string
  k: number
}): string {
  const name = row.kind === 'overall' ? 'Overall' : row.label
  if (row.k === 1) return `${name}: one study, not pooled`
  return row.kind === 'subgroup' ? `Pooled: ${row.label}` : name
}

/** A study row's first two cells, the same in every table: the study with its subgroup, and n. */
function StudyCells({
  study,
  subgroup,
  n,
}: {
  study: string
  subgroup: string | null
  n: number | null
}) {
  return (
    <>
      <td>
        {study}
        {subgroup && <span className="muted"> · {subgroup}</span>}
      </td>
      <td className="num">{n ?? '—'}</td>
    </>
  )
}

function EstimateTableView({ table, label }: { table: EstimateTable; label: string }) {
  const kind = table.outcome
  return (
    <table className="review-table wide" aria-label={label}>
      <thead>
        <tr>
          <th>Study</th>
          <th className="num">n / k</th>
          <th className="num">
            {kind === 'median' ? `Median, ${table.timeUnit} (95% CI)` : 'HR (95% CI)'}
          </th>
          <th className="num">Weight</th>
          <th>
            {kind === 'median' ? 'Method; median of the pooled curve†' : 'Method / heterogeneity'}
          </th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) =>
          row.kind === 'study' ? (
            <tr key={`s${row.index}`} className="study-row">
              <StudyCells study={row.study} subgroup={row.subgroup} n={row.n} />
              <DetailCell
                className={`num ${row.excluded ? 'excluded' : ''}`}
                detail={row.reason ? noteInWords(row.reason) : ''}
              >
                {kind === 'median' &&
                row.value !== null &&
                row.lower === null &&
                row.upper === null &&
                /range|quantile|quartile|IQR/i.test(row.method)
                  ? `${valueText('median', row.value)} (no CI published)`
                  : estimateText(kind, row.value, row.lower, row.upper)}
              </DetailCell>
              <td className="num">{row.weight === null ? '—' : `${fixed(row.weight, 1)}%`}</td>
              <td className="muted">{methodInWords(row.method)}</td>
            </tr>
          ) : (
            <tr key={`p${row.kind}${row.subgroup}`} className={`pooled-row ${row.kind}`}>
              <td>{pooledLabel(row)}</td>
              <td className="num">{row.k}</td>
              <td
                className="num"
                data-pooled={`${row.kind === 'overall' ? 'overall' : row.label}:${kind}`}
                data-value={row.value ?? ''}
              >
                {estimateText(kind, row.value, row.lower, row.upper)}
              </td>
              <td />
              <td className="muted">
                {row.k === 1
                  ? 'the study’s own estimate'
                  : row.curve
                    ? row.curve.median === null
                      ? 'median of the pooled curve†: not reached'
                      : `median of the pooled curve† ${estimateText('median', row.curve.median, row.curve.lower, row.curve.upper)}`
                    : `I² ${fixed(row.I2, 1)}%, τ² ${fixed(row.tau2, 3)}`}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  )
}

function SmallStudies({ outcome }: { outcome: OutcomeView }) {
  const kind = outcome.kind
  const egger = outcome.egger
  return (
    <div className="small-studies">
      <h3>Egger&apos;s test</h3>
      {egger ? (
        <p data-egger={outcome.id}>
          Intercept test of funnel asymmetry (k = {egger.k}): slope {fixed(egger.slope, 3)}, SE{' '}
          {fixed(egger.slope_se, 3)}, {pEquals(egger.pval)}.
        </p>
      ) : (
        <p className="muted">Not computed.</p>
      )}
      {outcome.smallStudyNote && <p className="muted">{outcome.smallStudyNote}</p>}
      <h3>Leave-one-out</h3>
      {outcome.leaveOneOut.length ? (
        <table className="review-table compact" aria-label="Leave-one-out">
          <thead>
            <tr>
              <th>Study left out</th>
              <th className="num">Pooled (95% CI)</th>
              <th className="num">I²</th>
            </tr>
          </thead>
          <tbody>
            {outcome.leaveOneOut.map((e) => (
              <tr key={e.study}>
                <td>{e.study}</td>
                <td className="num">
                  {estimateText(kind, e.pooled?.value, e.pooled?.lower, e.pooled?.upper)}
                </td>
                <td className="num">{fixed(e.I2, 1)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{outcome.leaveOneOutNote ?? 'Not computed.'}</p>
      )}
    </div>
  )
}

function OutcomeFigures({ results }: { results: ReviewView }) {
  const figure = useReview((s) => s.figure)
  const outcome = results.outcomes.find((o) => o.id === results.figureOutcome)
  return (
    <section className="review-section" aria-label="Forest plot">
      <div className="section-head">
        <h2>Forest plot, funnel plot and leave-one-out</h2>
        <label>
          Outcome{' '}
          <select
            aria-label="Outcome"
            value={figure ?? ''}
            onChange={(e) => useReview.setState({ figure: e.target.value })}
          >
            {results.outcomes.map((o) => (
              <option key={o.id} value={o.id}>
                {o.title} (k = {o.k})
              </option>
            ))}
          </select>
        </label>
      </div>
      {results.figures.forest && (
        <FigureImage figure={results.figures.forest} label={`Forest plot, ${outcome?.title}`} />
      )}
      <div className="figure-row">
        {results.figures.funnel && (
          <FigureImage figure={results.figures.funnel} label={`Funnel plot, ${outcome?.title}`} />
        )}
        {outcome && <SmallStudies outcome={outcome} />}
      </div>
    </section>
  )
}

/** methods.md as the view shows it: its paragraphs, and the references as a list. */
function MethodsText({ markdown }: { markdown: string }) {
  const blocks = markdown.split(/\n{2,}/).filter((b) => b.trim() && !b.startsWith('# '))
  return blocks.map((block, i) => {
    if (block.startsWith('#')) return <h3 key={i}>{block.replace(/^#+ /, '')}</h3>
    const items = block.trim().split('\n')
    if (items.every((line) => line.startsWith('- '))) {
      return (
        <ul key={i} className="references">
          {items.map((line) => (
            <li key={line}>{line.slice(2)}</li>
          ))}
        </ul>
      )
    }
    return <p key={i}>{block}</p>
  })
}

export function ReviewResults() {
  const results = useReview((s) => s.results)
  const error = useReview((s) => s.error)
  const settings = useReview((s) => s.review?.settings)
  const studyCount = useReview((s) => s.review?.studies.length ?? 0)
  if (error)
    return (
      <p className="review-error" role="alert">
        {error}
      </p>
    )
  if (studyCount === 0) {
    // Nothing to pool yet is not a problem to report: say what to do instead.
    return (
      <p className="hint review-empty-results">
        This review has no studies yet. Add study… adds a study file (.kmstudy); its results appear
        here as soon as it is added.
      </p>
    )
  }
  if (!results || !settings) return <p className="muted">Computing…</p>
  const hr = results.outcomes.find((o) => o.kind === 'hr')
  return (
    <>
      <section className="review-section" aria-label="Survival">
        <h2>
          Survival — {settings.method}
          {settings.hksj ? ' with HKSJ' : ''}, {settings.scale} scale
        </h2>
        <SurvivalTableView table={results.survivalTable} />
      </section>
      {results.medianTable && (
        <section className="review-section" aria-label="Median survival">
          <h2>Median survival</h2>
          <EstimateTableView table={results.medianTable} label="Median table" />
          <p className="muted table-note">
            The pooled medians (third column) are random-effects pools of the studies&apos; medians,
            the one definition this table uses. † The median of the pooled curve is read off the
            pooled survival curve below (Combescure 2014): it weighs each study by its patients over
            time rather than by the precision of its median, so it can differ. A study that
            published only a range or quartiles has no CI of its own; its interval in the forest
            plot is derived from those numbers and n.
          </p>
          {results.medianTable.Q_between_p !== null && (
            <p className="muted">
              Test for subgroup differences: Q = {fixed(results.medianTable.Q_between, 2)}, df ={' '}
              {results.medianTable.Q_between_df}, {pEquals(results.medianTable.Q_between_p)}
            </p>
          )}
        </section>
      )}
      {results.hrTable && (
        <section className="review-section" aria-label="Hazard ratio">
          <h2>Hazard ratio{hr ? ` (k = ${hr.k})` : ''}</h2>
          <EstimateTableView table={results.hrTable} label="Hazard ratio table" />
        </section>
      )}
      {results.figures.curves && (
        <section className="review-section" aria-label="Pooled curves">
          <h2>Pooled survival by {settings.subgroupBy ?? 'review'}</h2>
          <FigureImage figure={results.figures.curves} label="Pooled survival curves" />
        </section>
      )}
      {results.outcomes.length > 0 && <OutcomeFigures results={results} />}
      {results.oneStage && <OneStageSection view={results.oneStage} />}
      <section className="review-section" aria-label="Exclusions">
        <h2>Exclusions and corrections ({results.exclusions.length})</h2>
        <table className="review-table compact" aria-label="Exclusions">
          <thead>
            <tr>
              <th>Study</th>
              <th>Analysis</th>
              <th>Action</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {results.exclusions.map((x, i) => (
              <tr key={i} className={x.action}>
                <td>{x.study}</td>
                <td>{x.what}</td>
                <td>{x.action}</td>
                <td>{noteInWords(x.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {results.notes.length > 0 && (
          <ul className="notes">
            {results.notes.map((n) => (
              <li key={n}>{noteInWords(n)}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="review-section methods" aria-label="Methods">
        <h2>Methods</h2>
        <MethodsText markdown={results.methods} />
      </section>
      <p className="muted legend">
        Survival in percent. A cell with a dotted underline has more to say (its method, weight or
        reason): hover it, or move the focus to it with Tab.
      </p>
    </>
  )
}
