import type { OneStageView } from '../../../shared/review/oneStageView'
import { fixed, pText, timeText } from '../../../shared/review/numberText'

const SCREEN_SCALE = 1.6

function ratioText(x: number | null, lower: number | null, upper: number | null): string {
  return x === null ? '—' : `${fixed(x, 2)} (${fixed(lower, 2)}–${fixed(upper, 2)})`
}

function differenceText(x: number | null, lower: number | null, upper: number | null): string {
  return x === null ? '—' : `${fixed(x, 1)} (${fixed(lower, 1)} to ${fixed(upper, 1)})`
}

/**
 * The review's one-stage section (issue 16): Cox models of the combined IPD (stratified by study;
 * robust by study for subgroups of single-arm studies, marked observational), RMST at τ per study
 * and pooled, and the combined Kaplan–Meier curves with their caveat.
 */
export function OneStageSection({ view }: { view: OneStageView }) {
  const unit = view.timeUnit
  const studyRows = view.rmst.filter((r) => r.kind === 'arm')
  return (
    <section className="review-section" aria-label="One-stage">
      <h2>One-stage analysis of the reconstructed IPD</h2>
      {view.cox.length > 0 && (
        <table className="review-table compact" aria-label="One-stage Cox models">
          <thead>
            <tr>
              <th>Comparison</th>
              <th>Model</th>
              <th className="num">k</th>
              <th className="num">Patients (events)</th>
              <th className="num">HR (95% CI)</th>
              <th className="num">p (Wald)</th>
              <th className="num">p (LR)</th>
              <th className="num">p (PH test)</th>
            </tr>
          </thead>
          <tbody>
            {view.cox.map((r) => (
              <tr key={r.comparison} title={r.notes.join('; ') || undefined}>
                <td>{r.comparison}</td>
                <td>
                  {r.model}
                  {r.observational && <em> — observational across studies</em>}
                </td>
                <td className="num">{r.k}</td>
                <td className="num">
                  {r.n} ({r.events})
                </td>
                <td className="num">{ratioText(r.hr, r.lower, r.upper)}</td>
                <td className="num">{pText(r.pWald)}</td>
                <td className="num">{pText(r.pLR)}</td>
                <td className="num">{pText(r.phP)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.cox.some((r) => r.observational) && (
        <p className="muted table-note">
          Subgroups of single-arm studies differ between studies, not within them: their hazard
          ratios compare populations as well as treatments. Their p (LR) ignores the clustering by
          study; p (Wald) uses the robust variance.
        </p>
      )}
      <h3>
        Restricted mean survival time up to {timeText(view.tau)} {unit}
        {view.tauSet ? ' (set by the reviewer)' : ' (the shortest last follow-up of any arm)'}
      </h3>
      {view.rmstComparisons.length > 0 && (
        <table className="review-table compact" aria-label="RMST comparisons">
          <thead>
            <tr>
              <th>Comparison</th>
              <th className="num">k</th>
              <th className="num">Difference, {unit} (95% CI)</th>
              <th className="num">p</th>
              <th className="num">Ratio (95% CI)</th>
            </tr>
          </thead>
          <tbody>
            {view.rmstComparisons.map((c) => (
              <tr
                key={`${c.method}:${c.label}`}
                className={c.method === 'study' ? 'study-row' : undefined}
              >
                <td>{c.label}</td>
                <td className="num">{c.k}</td>
                <td className="num">{differenceText(c.diff, c.diffLower, c.diffUpper)}</td>
                <td className="num">{pText(c.p)}</td>
                <td className="num">{ratioText(c.ratio, c.ratioLower, c.ratioUpper)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>RMST of each study&apos;s arms</summary>
        <table className="review-table compact" aria-label="RMST by study and arm">
          <thead>
            <tr>
              <th>Study</th>
              <th>Subgroup</th>
              <th>Arm</th>
              <th className="num">RMST, {unit} (SE)</th>
            </tr>
          </thead>
          <tbody>
            {studyRows.map((r) => (
              <tr key={`${r.study}:${r.arm}`}>
                <td>{r.study}</td>
                <td>{r.subgroup ?? ''}</td>
                <td>{r.arm}</td>
                <td className="num">
                  {fixed(r.rmst, 1)} ({fixed(r.se, 2)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {view.figures.map(([name, figure]) => (
        <img
          key={name}
          className="review-figure"
          alt={name === 'one_stage_curves_arm' ? 'Combined IPD by arm' : 'Combined IPD by subgroup'}
          width={Math.round(figure.width * SCREEN_SCALE)}
          height={Math.round(figure.height * SCREEN_SCALE)}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(figure.svg)}`}
        />
      ))}
      {view.notes.length > 0 && (
        <ul className="notes">
          {view.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
