/**
 * The pooling settings of the review, in one bar: survival times, median, hazard ratio, τ²
 * estimator, HKSJ, scale, subgroup variable, the rule for survival of 0% with nobody at risk,
 * how a median reported with its range or quartiles gets its variance, and the RMST horizon τ.
 * Each change recomputes the results.
 */
import { useState } from 'react'
import { RANGE_METHODS, type RangeMethod } from '../../../shared/meta/medianFromRange'
import { SURVIVAL_SCALES } from '../../../shared/meta/survivalScales'
import { TAU2_METHODS, type Tau2Method } from '../../../shared/meta/types'
import { MAX_TIME } from '../../../shared/model/limits'
import type { ReviewSettings } from '../../../shared/model/review'
import { timeText } from '../../../shared/review/numberText'
import { parseTimes, setSettings, useReview } from '../store/review'
import { parseNumber } from '../geometry/calibration'

function TimesField({ times, unit }: { times: number[]; unit: string }) {
  const text = times.join(', ')
  const [draft, setDraft] = useState<string | null>(null)
  const parsed = draft === null ? times : parseTimes(draft)
  const commit = () => {
    if (draft !== null && parsed && parsed.join() !== times.join()) {
      setSettings({ survivalTimes: parsed })
    }
    if (parsed) setDraft(null)
  }
  return (
    <label className={parsed ? '' : 'invalid'}>
      Survival at ({unit})
      <input
        type="text"
        aria-label="Survival times"
        aria-invalid={!parsed}
        title="Increasing times, separated by commas"
        value={draft ?? text}
        size={16}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  )
}

/** Why a typed τ is refused, or null; the same bounds as the review file's `rmstTau`. */
function rmstTauError(tau: number, unit: string): string | null {
  if (!(tau > 0)) return 'τ must be greater than 0'
  if (tau > MAX_TIME) return `τ must be at most ${MAX_TIME} ${unit}`
  return null
}

/**
 * τ of the one-stage RMST, committed on Enter or blur; cleared, the default (the shortest last
 * follow-up of any arm), shown as the placeholder. A refused τ stays in the field with the reason.
 */
function RmstTauField({ tau, unit }: { tau: number | null; unit: string }) {
  const tauDefault = useReview((s) => s.results?.oneStage?.tauDefault)
  const [draft, setDraft] = useState<string | null>(null)
  const typed = draft?.trim() ?? ''
  const value = typed === '' ? null : parseNumber(typed)
  const error =
    draft === null || typed === ''
      ? null
      : value === null
        ? `"${typed}" is not a number`
        : rmstTauError(value, unit)
  const commit = () => {
    if (draft === null || error !== null) return
    if (value !== tau) setSettings({ rmstTau: value })
    setDraft(null)
  }
  return (
    <label className={error ? 'invalid' : ''}>
      RMST horizon τ ({unit})
      <input
        type="text"
        inputMode="decimal"
        aria-label={`RMST horizon τ (${unit})`}
        aria-invalid={error !== null}
        title="Empty: the shortest last follow-up of any arm"
        value={draft ?? (tau === null ? '' : String(tau))}
        placeholder={tauDefault === undefined ? 'default' : `${timeText(tauDefault)} (default)`}
        size={12}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit()
          if (e.key === 'Escape') setDraft(null)
        }}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  )
}

/** The zero-survival rules, in words. */
const ZERO_SURVIVAL: [ReviewSettings['zeroSurvival'], string, string][] = [
  [
    'followed',
    'count those followed',
    'Survival of 0% with nobody left at risk: corrected counting the patients at risk just before the curve reached 0',
  ],
  [
    'exclude',
    'leave the study out',
    'Survival of 0% with nobody left at risk: the study is left out at that time',
  ],
]

/** The methods for a median reported with its range and/or quartiles, in words. */
const RANGE_METHOD_WORDS: Record<RangeMethod, string> = {
  qe: 'QE (McGrath 2020)',
  hozo: 'Hozo 2005 (SD/√n)',
  wan: 'Wan 2014 (SD/√n)',
  luo: 'Luo 2018 (SD/√n)',
  bc: 'Box–Cox (McGrath 2020; SD/√n)',
  mln: 'MLN (Cai 2021; SD/√n)',
}

const byOptions: [string, ReviewSettings['subgroupBy']][] = [
  ['subgroup', 'subgroup'],
  ['design', 'design'],
  ['none', null],
]

export function ReviewSettingsBar() {
  const settings = useReview((s) => s.review?.settings)
  if (!settings) return null
  return (
    <section className="review-settings" aria-label="Pooling settings">
      <TimesField times={settings.survivalTimes} unit={settings.timeUnit} />
      <label>
        <input
          type="checkbox"
          checked={settings.median}
          onChange={(e) => setSettings({ median: e.target.checked })}
        />
        Median
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.hr}
          onChange={(e) => setSettings({ hr: e.target.checked })}
        />
        Hazard ratio
      </label>
      <label>
        τ² estimator
        <select
          aria-label="Estimator"
          value={settings.method}
          onChange={(e) => setSettings({ method: e.target.value as Tau2Method })}
        >
          {TAU2_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="radiogroup" aria-label="Quick estimator">
        {(['REML', 'DL'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={settings.method === m}
            onClick={() => setSettings({ method: m })}
          >
            {m}
          </button>
        ))}
      </div>
      <label>
        <input
          type="checkbox"
          checked={settings.hksj}
          onChange={(e) => setSettings({ hksj: e.target.checked })}
        />
        HKSJ
      </label>
      <label>
        Scale
        <select
          aria-label="Scale"
          value={settings.scale}
          onChange={(e) => setSettings({ scale: e.target.value as ReviewSettings['scale'] })}
        >
          {SURVIVAL_SCALES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Subgroups by
        <select
          aria-label="Subgroups by"
          value={settings.subgroupBy ?? 'none'}
          onChange={(e) =>
            setSettings({ subgroupBy: byOptions.find(([v]) => v === e.target.value)?.[1] ?? null })
          }
        >
          {byOptions.map(([v]) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label title={ZERO_SURVIVAL.find(([v]) => v === settings.zeroSurvival)?.[2]}>
        Survival of 0%
        <select
          aria-label="Survival of 0%"
          value={settings.zeroSurvival}
          onChange={(e) =>
            setSettings({ zeroSurvival: e.target.value as ReviewSettings['zeroSurvival'] })
          }
        >
          {ZERO_SURVIVAL.map(([v, words]) => (
            <option key={v} value={v}>
              {words}
            </option>
          ))}
        </select>
      </label>
      <label title="Variance of a median published with its range and/or quartiles: QE is the variance of the median itself; the others estimate an SD and use SD/√n, the standard error of a mean">
        Median from range/IQR
        <select
          aria-label="Median from range/IQR"
          value={settings.rangeMethod}
          onChange={(e) => setSettings({ rangeMethod: e.target.value as RangeMethod })}
        >
          {RANGE_METHODS.map((m) => (
            <option key={m} value={m}>
              {RANGE_METHOD_WORDS[m]}
            </option>
          ))}
        </select>
      </label>
      <RmstTauField tau={settings.rmstTau} unit={settings.timeUnit} />
    </section>
  )
}
