import type { Study } from '../../../shared/model/study'
import { updateRecord } from '../store/studyOps'
import { edit, useStudy } from '../store/store'
import { NumberField, TextField } from './fields'
import { ReferenceArmField } from './ReferenceArm'

type Estimate = NonNullable<Study['record']['reportedHr']>

function EstimateFields(props: {
  label: string
  value: Estimate | undefined
  onCommit(value: Estimate | undefined): void
}) {
  const { label, value, onCommit } = props
  const patch = (key: keyof Estimate, v: number | undefined) => {
    if (key === 'value' && v === undefined) return onCommit(undefined)
    const next: Estimate = { ...(value ?? { value: v as number }), [key]: v }
    if (v === undefined) delete next[key]
    onCommit(next)
  }
  const needsEstimate = () => (value === undefined ? 'type the estimate first' : null)
  return (
    <fieldset className="estimate">
      <legend>{label}</legend>
      <NumberField label="Estimate" value={value?.value} onCommit={(v) => patch('value', v)} />
      <NumberField
        label="95% CI lower"
        value={value?.lower}
        validate={needsEstimate}
        onCommit={(v) => patch('lower', v)}
      />
      <NumberField
        label="95% CI upper"
        value={value?.upper}
        validate={needsEstimate}
        onCommit={(v) => patch('upper', v)}
      />
    </fieldset>
  )
}

/** The study record: what the review needs to know about the publication besides its curves. */
export function StudyPanel() {
  const record = useStudy((s) => s.study.record)
  const set = (patch: Partial<Study['record']>) => edit((s) => updateRecord(s, patch))
  return (
    <section className="panel-section" aria-label="Study record">
      <TextField label="Label" value={record.label} onCommit={(label) => set({ label })} />
      <ReferenceArmField />
      <TextField
        label="Citation"
        value={record.citation}
        onCommit={(citation) => set({ citation })}
      />
      <div className="field-grid">
        <TextField
          label="Subgroup (e.g. site)"
          value={record.subgroup}
          onCommit={(subgroup) => set({ subgroup })}
        />
        <TextField
          label="Design"
          value={record.design}
          list="designs"
          onCommit={(design) => set({ design })}
        />
        <TextField
          label="Outcome"
          value={record.outcome}
          list="outcomes"
          onCommit={(outcome) => set({ outcome })}
        />
        <NumberField
          label="Reported N"
          value={record.reportedN}
          validate={(v) => (Number.isInteger(v) && v > 0 ? null : 'a whole number above 0')}
          onCommit={(reportedN) => set({ reportedN })}
        />
      </div>
      <EstimateFields
        label="Reported median"
        value={record.reportedMedian}
        onCommit={(reportedMedian) => set({ reportedMedian })}
      />
      <EstimateFields
        label="Reported hazard ratio"
        value={record.reportedHr}
        onCommit={(reportedHr) => set({ reportedHr })}
      />
      <TextField
        label="Notes"
        value={record.notes}
        multiline
        onCommit={(notes) => set({ notes })}
      />
      <datalist id="outcomes">
        {['OS', 'PFS', 'DFS', 'EFS', 'RFS', 'LRC', 'CSS'].map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <datalist id="designs">
        {['RCT', 'prospective cohort', 'retrospective cohort', 'case series'].map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
    </section>
  )
}
