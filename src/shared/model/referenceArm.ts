/**
 * Which curve of a study is its reference (control) arm. A hazard ratio is always the other arm
 * against it, so the study view, the review's tables and forest plot and the exports agree on its
 * direction (issue 13: the study view said "Yellow vs Blue 2.66", the review "Blue vs Yellow 0.38").
 */
import type { Study } from './study'

/**
 * The reference curve's id: the one the study names; in a file from before studies named it, the
 * curve a review compared against, i.e. in a two-curve study that names its pooled curve the
 * other one (so an existing review's hazard ratios keep their direction), else the first curve.
 * Null for a study without curves, or when the named curve is not one of them.
 */
export function referenceCurveId(
  study: Pick<Study, 'curves' | 'pooledCurve' | 'referenceCurve'>,
): string | null {
  const ids = study.curves.map((c) => c.id)
  if (study.referenceCurve !== undefined) {
    return ids.includes(study.referenceCurve) ? study.referenceCurve : null
  }
  if (ids.length === 2 && study.pooledCurve !== undefined && ids.includes(study.pooledCurve)) {
    return ids.find((id) => id !== study.pooledCurve)!
  }
  return ids[0] ?? null
}

/** The study with its reference arm named, as older files are migrated when first edited. */
export function withReferenceCurve(study: Study, id: string): Study {
  return { ...study, referenceCurve: id }
}
