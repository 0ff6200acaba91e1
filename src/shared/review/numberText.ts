/**
 * Numbers as a results section prints them: fixed decimals per kind of number, an en dash in
 * ranges, a real minus sign, p-values to three decimals or "< 0.001". Missing values are a dash;
 * no function here ever prints NaN or Infinity.
 */

/** A time as a label: up to two decimals, trailing zeros dropped (12, 1.5, 0.25). */
export function timeText(t: number): string {
  return String(Math.round(t * 100) / 100)
}

/** x to `digits` decimals with a typographic minus, or '—' when missing. */
export function fixed(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  const s = x.toFixed(digits)
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace('-', '−')
}

/** A p-value: '< 0.001' below it, else three decimals. */
export function pText(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—'
  return p < 0.001 ? '< 0.001' : p.toFixed(3)
}

/** 'p = 0.123' or 'p < 0.001'. */
export function pEquals(p: number | null | undefined): string {
  const s = pText(p)
  return s.startsWith('<') ? `p ${s}` : `p = ${s}`
}

/** What an outcome's values are: survival as a proportion, a time, a ratio. */
export type ValueKind = 'survival' | 'median' | 'hr'

/** Decimals per kind: survival in percent with one, medians with one, hazard ratios with two. */
export function valueText(kind: ValueKind, x: number | null | undefined): string {
  if (x === null || x === undefined) return '—'
  return kind === 'survival' ? fixed(100 * x, 1) : fixed(x, kind === 'hr' ? 2 : 1)
}

/** '53.2 (40.1–66.0)': an estimate with its interval; a missing limit is a dash ('NR' for medians). */
export function estimateText(
  kind: ValueKind,
  value: number | null | undefined,
  lower: number | null | undefined,
  upper: number | null | undefined,
): string {
  if (value === null || value === undefined) return '—'
  const limit = (x: number | null | undefined) =>
    x === null || x === undefined ? (kind === 'median' ? 'NR' : '—') : valueText(kind, x)
  return `${valueText(kind, value)} (${limit(lower)}–${limit(upper)})`
}

/** 'τ² = 0.123, I² = 45.2%, Q = 7.21, df = 3, p = 0.066' for a fit with k ≥ 2. */
export function heterogeneityText(fit: {
  tau2: number | null
  I2: number | null
  Q: number | null
  Q_df: number | null
  Q_p: number | null
}): string {
  return `τ² = ${fixed(fit.tau2, 3)}, I² = ${fixed(fit.I2, 1)}%, Q = ${fixed(fit.Q, 2)}, df = ${fit.Q_df ?? '—'}, ${pEquals(fit.Q_p)}`
}
