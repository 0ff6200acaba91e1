import { referenceCurveId, withReferenceCurve } from '../../../shared/model/referenceArm'
import { edit, useStudy } from '../store/store'

/**
 * The study's reference (control) arm, chosen once: every hazard ratio of the study (this view,
 * the review's tables and forest plot, the exports) is the other arm against it.
 */
export function ReferenceArmField() {
  const study = useStudy((s) => s.study)
  if (study.curves.length !== 2) return null
  const id = referenceCurveId(study)
  const named = study.referenceCurve !== undefined
  return (
    <label className="field reference-arm">
      <span>Reference (control) arm</span>
      <select value={id ?? ''} onChange={(e) => edit((s) => withReferenceCurve(s, e.target.value))}>
        {study.curves.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {!named && (
        <span className="hint">Not chosen yet: the first curve is used. Choose it to confirm.</span>
      )}
    </label>
  )
}
