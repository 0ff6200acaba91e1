/**
 * One study of a review, made ready for pooling: its pooled curve reconstructed (through
 * `reconstructStudy`, as the study view does), times converted to the review's unit, the
 * Kaplan–Meier fit and the two-arm Cox model computed once. The expensive part is cached per
 * study content, so that a change of settings only re-pools.
 */
import type { ReviewSettings } from '../model/review'
import type { Study, StudyPublished } from '../model/study'
import {
  reconstructStudy,
  studyReconstructionInput,
  type TimeUnit,
  UNITS_PER_YEAR,
} from '../study/reconstructStudy'
import { referenceCurveId } from '../model/referenceArm'
import { coxTwoGroup, kaplanMeier, type KmFit, median, type SurvivalQuantile } from '../survival'
import type {
  ArmIpd,
  PreparedStudy,
  ReviewStudyInput,
  StudyCox,
  StudySource,
  StudyStatus,
} from './types'

/**
 * The factor that turns a time in `from` into `to`, with a year of 365.25 days, 52.18 weeks or
 * 12 months (`UNITS_PER_YEAR`).
 */
export function timeFactor(from: TimeUnit, to: TimeUnit): number {
  return UNITS_PER_YEAR[to] / UNITS_PER_YEAR[from]
}

/** What reconstruction gives one study, independent of the pooling settings. */
interface Reconstructed {
  pooledArm: string | null
  fit: KmFit | null
  median: SurvivalQuantile | null
  ipd: ArmIpd[]
  cox: StudyCox | null
  coxNote: string | null
  /** Why the pooled curve gave no IPD; null when it did. */
  problem: string | null
  warnings: string[]
  points: number
}

/**
 * Reconstructions kept between computations of a review, keyed by what they depend on (the
 * curves' points and risk tables, the pooled curve, the time conversion). The same study object
 * seen again is found without rebuilding its key, so a study must be replaced, not changed in
 * place, when it is edited (as the app's store does). An entry the latest computation did not use
 * (a study edited since, or removed) is dropped by `sweep`.
 */
export class ReviewCache {
  private entries = new Map<string, Reconstructed>()
  private used = new Set<string>()
  private keys = new WeakMap<Study, { factor: number; key: string }>()
  private memos = new Map<string, { deps: readonly unknown[]; value: unknown }>()

  /** The cached value for `study` converted by `factor`, made by `make` the first time. */
  get(study: Study, factor: number, make: () => Reconstructed): Reconstructed {
    let known = this.keys.get(study)
    if (!known || known.factor !== factor) {
      const input = studyReconstructionInput(study)
      known = { factor, key: JSON.stringify([input, study.pooledCurve ?? null, factor]) }
      this.keys.set(study, known)
    }
    this.used.add(known.key)
    let value = this.entries.get(known.key)
    if (!value) {
      value = make()
      this.entries.set(known.key, value)
    }
    return value
  }

  /**
   * The value `make` gave the last time `name` was asked for with the same `deps` (compared
   * element by element, by identity), else a fresh one: what depends on the studies' fits and a
   * few settings only (the pooled curves) survives a change of estimator.
   */
  memo<T>(name: string, deps: readonly unknown[], make: () => T): T {
    const last = this.memos.get(name)
    if (
      last &&
      last.deps.length === deps.length &&
      last.deps.every((d, i) => Object.is(d, deps[i]))
    ) {
      return last.value as T
    }
    const value = make()
    this.memos.set(name, { deps, value })
    return value
  }

  /** Forgets the entries not asked for since the last sweep. */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.used.has(key)) this.entries.delete(key)
    this.used.clear()
  }

  get size(): number {
    return this.entries.size
  }
}

function pooledCurveId(study: Study): string | null {
  if (study.pooledCurve !== undefined) return study.pooledCurve
  return study.curves.length ? study.curves[0].id : null
}

function reconstructForReview(study: Study, factor: number): Reconstructed {
  const input = studyReconstructionInput(study)
  const pooledId = pooledCurveId(study)
  const pooled = study.curves.find((c) => c.id === pooledId) ?? null
  const base = {
    fit: null,
    median: null,
    ipd: [],
    cox: null,
    coxNote: null,
    warnings: [] as string[],
  }
  if (!pooled) {
    return {
      ...base,
      pooledArm: null,
      points: 0,
      problem:
        pooledId === null
          ? 'no digitized curve'
          : `the pooled curve "${pooledId}" is not one of the study's curves`,
    }
  }
  const result = reconstructStudy(input)
  const warnings: string[] = []
  const ipd: ArmIpd[] = []
  let pooledIpd: ArmIpd | null = null
  // The hazard ratio is the other arm against the study's reference (control) arm.
  const referenceId = referenceCurveId(study)
  let referenceIpd: ArmIpd | null = null
  for (const c of result.curves) {
    if (c.status === 'done') {
      for (const w of c.report.warnings) warnings.push(`${c.name}: ${w.message}`)
      const arm: ArmIpd = {
        arm: c.name,
        time: c.ipd.map((r) => r.time * factor),
        event: c.ipd.map((r) => r.event),
      }
      ipd.push(arm)
      if (c.id === pooled.id) pooledIpd = arm
      if (c.id === referenceId) referenceIpd = arm
    } else {
      warnings.push(
        `${c.name}: ${c.status === 'failed' ? `reconstruction failed: ${c.problem.message}` : c.reason}`,
      )
    }
  }
  if (!pooledIpd) {
    const outcome = result.curves.find((c) => c.id === pooled.id)
    const why =
      outcome?.status === 'failed'
        ? `reconstruction failed: ${outcome.problem.message}`
        : outcome?.status === 'incomplete'
          ? outcome.reason
          : 'not reconstructed'
    return {
      ...base,
      ipd,
      warnings,
      pooledArm: pooled.name,
      points: pooled.points.length,
      problem: why,
    }
  }
  const fit = kaplanMeier(pooledIpd.time, pooledIpd.event)
  let cox: StudyCox | null = null
  let coxNote: string | null = null
  if (ipd.length === 2) {
    const reference = referenceIpd ?? ipd[0]
    const compared = ipd[ipd[0] === reference ? 1 : 0]
    const time = [...compared.time, ...reference.time]
    const event = [...compared.event, ...reference.event]
    const group = [...compared.time.map(() => 1), ...reference.time.map(() => 0)]
    const model = coxTwoGroup(time, event, group, { ref: 0 })
    cox = {
      beta: model.beta,
      se: model.se,
      arm: compared.arm,
      reference: reference.arm,
      nArm: compared.time.length,
      nReference: reference.time.length,
    }
  } else if (ipd.length > 2) {
    coxNote = `${ipd.length} reconstructed curves: a hazard ratio needs exactly two`
  } else if (study.curves.length > 1) {
    coxNote = 'the other curve was not reconstructed: no hazard ratio from the curves'
  }
  return {
    pooledArm: pooled.name,
    fit,
    median: median(fit),
    ipd,
    cox,
    coxNote,
    problem: null,
    warnings,
    points: pooled.points.length,
  }
}

/** The published numbers with their times in the review's unit. */
function convertPublished(p: StudyPublished, to: TimeUnit): StudyPublished {
  const f = timeFactor(p.timeUnit, to)
  if (f === 1) return p
  const scale = <T extends { value: number; lower?: number; upper?: number }>(e: T): T => ({
    ...e,
    value: e.value * f,
    ...(e.lower === undefined ? {} : { lower: e.lower * f }),
    ...(e.upper === undefined ? {} : { upper: e.upper * f }),
  })
  return {
    ...p,
    timeUnit: to,
    survival: p.survival.map((s) => ({ ...s, time: s.time * f })),
    ...(p.median ? { median: scale(p.median) } : {}),
    ...(p.medianRange
      ? {
          medianRange: {
            ...p.medianRange,
            median: p.medianRange.median * f,
            ...Object.fromEntries(
              (['min', 'q1', 'q3', 'max'] as const)
                .filter((k) => p.medianRange![k] !== undefined)
                .map((k) => [k, p.medianRange![k]! * f]),
            ),
          },
        }
      : {}),
  }
}

function hasPublishedNumbers(p: StudyPublished | undefined): boolean {
  return Boolean(p && (p.survival.length || p.median || p.medianRange || p.hr))
}

function fileLabel(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name.replace(/\.kmstudy$/i, '') || path
}

/**
 * Prepares entry `index` of a review. A study the reviewer excluded, whose file could not be
 * used, or that has neither a reconstructed pooled curve nor published numbers, gets
 * `excludedReason`; a study whose curve failed but that has published numbers is pooled from
 * those, with the failure among its warnings.
 */
export function prepareStudy(
  entry: ReviewStudyInput,
  index: number,
  settings: ReviewSettings,
  cache: ReviewCache,
): PreparedStudy {
  const study = entry.study
  const status: StudyStatus = {
    figure: Boolean(study?.figure),
    calibrated: Boolean(study?.calibration),
    curves: study?.curves.length ?? 0,
    points: 0,
    reconstructed: false,
    warnings: [],
  }
  const empty = {
    index,
    path: entry.path,
    included: entry.included,
    status,
    fit: null,
    median: null,
    pooledArm: null,
    ipd: [],
    cox: null,
    coxNote: null,
    converted: false,
    published: null,
  }
  if (!study) {
    return {
      ...empty,
      label: fileLabel(entry.path),
      subgroup: null,
      excludedReason: entry.loadError ?? 'the study file could not be read',
      source: 'none',
      n: null,
    }
  }
  const label = study.record.label.trim() || study.record.citation.trim() || fileLabel(entry.path)
  const by = settings.subgroupBy
  const subgroup = by === null ? null : study.record[by].trim() || null
  const unit: TimeUnit = study.calibration?.timeUnit ?? 'months'
  const factor = timeFactor(unit, settings.timeUnit)
  let rec: Reconstructed | null = null
  if (study.curves.length) {
    rec = cache.get(study, factor, () => reconstructForReview(study, factor))
    status.points = rec.points
    status.reconstructed = rec.fit !== null
    status.warnings = rec.warnings
  }
  const published = study.published ? convertPublished(study.published, settings.timeUnit) : null
  let source: StudySource = 'none'
  if (rec?.fit) source = 'reconstructed'
  else if (hasPublishedNumbers(study.published)) {
    source = 'published'
    if (rec?.problem) {
      status.warnings = [
        ...status.warnings,
        `pooled curve: ${rec.problem}; its published numbers are pooled instead`,
      ]
    }
  }
  let excludedReason: string | null = null
  if (!entry.included) {
    excludedReason = `excluded by the reviewer${entry.reason.trim() ? `: ${entry.reason.trim()}` : ''}`
  } else if (source === 'none') {
    excludedReason = `no usable data: ${rec?.problem ?? 'no digitized curve'} and no published numbers`
  }
  return {
    ...empty,
    label,
    subgroup,
    excludedReason,
    source,
    fit: rec?.fit ?? null,
    median: rec?.median ?? null,
    pooledArm: rec?.pooledArm ?? null,
    ipd: rec?.ipd ?? [],
    cox: rec?.cox ?? null,
    coxNote: rec?.coxNote ?? null,
    converted:
      (rec !== null && factor !== 1) ||
      (study.published !== undefined && study.published.timeUnit !== settings.timeUnit),
    published,
    n: rec?.fit?.n ?? study.record.reportedN ?? study.published?.medianRange?.n ?? null,
  }
}
