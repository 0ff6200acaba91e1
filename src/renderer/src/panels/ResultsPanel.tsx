import type { Study } from '../../../shared/model/study'
import type {
  Comparison,
  CurveView,
  CurveProblem,
  TimeUnit,
} from '../../../shared/study/reconstructStudy'
import { reconstructionCaveat } from '../geometry/traceStatusText'
import { selectPoint } from '../store/actions'
import { ReferenceArmField } from './ReferenceArm'
import { useStudy } from '../store/store'

const pct = (s: number | null) => (s === null ? '—' : `${(s * 100).toFixed(1)}%`)
const num = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? 'NR' : x.toFixed(digits)

function goTo(curveId: string, problem: Pick<CurveProblem, 'point' | 'riskRow'>) {
  if (problem.point !== undefined) {
    useStudy.setState({ tab: 'curves', tool: 'select' })
    selectPoint(curveId, problem.point)
  } else if (problem.riskRow !== undefined) {
    useStudy.setState({
      tab: 'risk',
      activeCurveId: curveId,
      riskFocus: { curveId, row: problem.riskRow },
    })
  }
}

function ProblemLink({ curveId, problem }: { curveId: string; problem: CurveProblem }) {
  const where =
    problem.point !== undefined
      ? `point ${problem.point + 1}`
      : problem.riskRow !== undefined
        ? `risk row ${problem.riskRow + 1}`
        : null
  return (
    <li>
      {where ? (
        <button type="button" className="link" onClick={() => goTo(curveId, problem)}>
          {where}
        </button>
      ) : null}
      {where ? ': ' : ''}
      {problem.message}
    </li>
  )
}

function CurveCard({
  outcome,
  color,
  unit,
  caveat,
}: {
  outcome: CurveView
  color: string
  unit: TimeUnit
  /** Why the IPD rests on a trace not seen in the curve's own ink, if it does. */
  caveat: string | null
}) {
  return (
    <article className="result-card" aria-label={`Reconstruction of ${outcome.name}`}>
      <h3>
        <span className="swatch" style={{ background: color }} />
        {outcome.name}
      </h3>
      {outcome.status === 'incomplete' && (
        <p className="muted">To reconstruct: {outcome.reason}.</p>
      )}
      {outcome.status === 'failed' && (
        <ul className="warnings error" role="alert">
          <ProblemLink curveId={outcome.id} problem={outcome.problem} />
        </ul>
      )}
      {outcome.status === 'done' && <CurveResult outcome={outcome} unit={unit} />}
      {outcome.status === 'done' && caveat && (
        <p className="warnings trace-caveat" data-trace-caveat>
          {caveat}
        </p>
      )}
    </article>
  )
}

function CurveResult({
  outcome,
  unit,
}: {
  outcome: Extract<CurveView, { status: 'done' }>
  unit: TimeUnit
}) {
  const { summary: s, report } = outcome
  return (
    <>
      <dl className="stats">
        <dt>Patients</dt>
        <dd data-stat="n">{s.n}</dd>
        <dt>Events</dt>
        <dd data-stat="events">
          {s.events} <span className="muted">({s.censored} censored)</span>
        </dd>
        <dt>Median</dt>
        <dd data-stat="median">
          {num(s.median)} {unit}{' '}
          <span className="muted">
            (95% CI {num(s.medianLower)}–{num(s.medianUpper)})
          </span>
        </dd>
        <dt>Fit</dt>
        <dd data-stat="fit">
          RMSE {report.accuracy.rmse.toFixed(4)} · max |diff| {report.accuracy.maxAbs.toFixed(4)}
        </dd>
      </dl>
      {report.risk.length > 0 && (
        <div
          className="mini-scroll"
          role="region"
          tabIndex={0}
          aria-label={`Numbers at risk of ${outcome.name}`}
        >
          <table className="mini">
            <caption>Numbers at risk</caption>
            <tbody>
              <tr>
                <th scope="row">Time</th>
                {report.risk.map((r) => (
                  <td key={r.time}>{r.time}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">Published</th>
                {report.risk.map((r) => (
                  <td key={r.time}>{r.published}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">Reconstructed</th>
                {report.risk.map((r) => (
                  <td key={r.time} className={r.reconstructed === r.published ? '' : 'mismatch'}>
                    {r.reconstructed}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {s.years.length > 0 && (
        <table className="mini">
          <caption>Survival (95% CI)</caption>
          <tbody>
            {s.years.map((y) => (
              <tr key={y.years}>
                <th scope="row">
                  {y.years} year{y.years > 1 ? 's' : ''}
                </th>
                <td>{pct(y.surv)}</td>
                <td className="muted">
                  {pct(y.lower)}–{pct(y.upper)}
                </td>
                <td className="muted">n={y.nRisk}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.warnings.length > 0 && (
        <ul className="warnings" aria-label={`Warnings for ${outcome.name}`}>
          {report.warnings.map((w, i) => (
            <ProblemLink key={i} curveId={outcome.id} problem={w} />
          ))}
        </ul>
      )}
    </>
  )
}

function ComparisonCard({ c, record }: { c: Comparison; record: Study['record'] }) {
  const reported = record.reportedHr
  const inside =
    reported?.lower !== undefined && reported.upper !== undefined && c.hr !== null
      ? c.hr >= reported.lower && c.hr <= reported.upper
      : null
  return (
    <article className="result-card comparison" aria-label="Comparison">
      <h3>
        {c.other} vs {c.ref}
      </h3>
      <ReferenceArmField />
      <dl className="stats">
        <dt>Patients</dt>
        <dd data-stat="hr-n">
          {c.other} {c.nOther} · {c.ref} {c.nRef} (reference)
        </dd>
        <dt>Hazard ratio</dt>
        <dd
          data-stat="hr"
          data-hr={c.hr ?? ''}
          data-lower={c.lower ?? ''}
          data-upper={c.upper ?? ''}
        >
          <strong>{num(c.hr, 2)}</strong>{' '}
          <span className="muted">
            (95% CI {num(c.lower, 2)}–{num(c.upper, 2)})
          </span>
        </dd>
        <dt>Log-rank p</dt>
        <dd data-stat="p">
          {c.pLogrank === null ? '—' : c.pLogrank < 0.001 ? '< 0.001' : c.pLogrank.toFixed(3)}
        </dd>
        {reported && (
          <>
            <dt>Published</dt>
            <dd className={inside === false ? 'mismatch' : undefined}>
              {reported.value}
              {reported.lower !== undefined && ` (${reported.lower}–${reported.upper ?? '?'})`}
              {inside === true && ' ✓ within its CI'}
              {inside === false && ' ✗ outside its CI'}
            </dd>
          </>
        )}
      </dl>
    </article>
  )
}

function caveatOf(study: Study, id: string, unit: TimeUnit): string | null {
  const curve = study.curves.find((c) => c.id === id)
  return curve ? reconstructionCaveat(curve, study.curves, unit) : null
}

/** Per curve, the reconstruction checked against the figure; with two curves, their comparison. */
export function ResultsPanel() {
  const study = useStudy((s) => s.study)
  const rec = useStudy((s) => s.reconstruction)
  const stale = rec.of !== study
  return (
    <aside className="results" aria-label="Reconstruction">
      <header className="results-header">
        <h2>Reconstruction</h2>
        <span className={`badge ${stale ? 'busy' : ''}`} aria-live="polite">
          {stale ? 'updating…' : rec.status === 'failed' ? 'failed' : 'up to date'}
        </span>
      </header>
      {rec.error && (
        <p className="status error" role="alert">
          {rec.error}
        </p>
      )}
      {study.curves.length === 0 && (
        <p className="muted">Digitized curves appear here, reconstructed as you click.</p>
      )}
      {rec.result?.comparison && <ComparisonCard c={rec.result.comparison} record={study.record} />}
      {rec.result?.curves.map((outcome) => (
        <CurveCard
          key={outcome.id}
          outcome={outcome}
          unit={rec.result!.timeUnit}
          color={study.curves.find((c) => c.id === outcome.id)?.color ?? '#888888'}
          caveat={caveatOf(study, outcome.id, rec.result!.timeUnit)}
        />
      ))}
      {rec.result && rec.result.curves.length > 2 && (
        <p className="muted">A hazard ratio is given for two curves.</p>
      )}
    </aside>
  )
}
