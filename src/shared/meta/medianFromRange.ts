import { normalQuantile } from '../distributions'
import type { MedianEffect, MedianScale } from './medianFromCi'
import { boxCoxMeanSd, type BoxCoxMeanSd } from './boxCoxMeanSd'
import { mlnMeanSd } from './mlnMeanSd'
import { qeMedianVariance, summaryScenario, type SummaryScenario } from './qeMedianVariance'

/**
 * How a median reported with its range and/or quartiles gets a variance: 'qe' (default), the
 * variance of the median itself (McGrath et al. 2020); 'hozo', 'wan', 'luo', 'bc' (Box–Cox,
 * McGrath et al. 2020) and 'mln' (Cai et al. 2021) estimate a mean and SD, and SD/√n (the
 * standard error of a mean) stands in for the median's.
 */
export type RangeMethod = 'qe' | 'hozo' | 'wan' | 'luo' | 'bc' | 'mln'
export const RANGE_METHODS: readonly RangeMethod[] = ['qe', 'hozo', 'wan', 'luo', 'bc', 'mln']

export interface MeanSdEstimate {
  mean: number
  sd: number
  /** Method and, for Hozo, the rule that applied to this n. */
  method: string
}

/**
 * Mean and SD of a sample from its median m, minimum a, maximum b and size n:
 * - 'hozo': Hozo, Djulbegovic & Hozo (2005, BMC Med Res Methodol 5:13) with their recommended
 *   rules: mean (a + 2m + b)/4 for n ≤ 25, else m; variance
 *   ((a − 2m + b)²/4 + (b − a)²)/12 for n ≤ 15, SD (b − a)/4 for 15 < n ≤ 70, (b − a)/6 above.
 * - 'wan': Wan et al. (2014, BMC Med Res Methodol 14:135), scenario 1: mean (a + 2m + b)/4,
 *   SD (b − a)/(2·Φ⁻¹((n − 0.375)/(n + 0.25))).
 * - 'luo': Luo et al. (2018, Stat Methods Med Res 27:1785) mean w(a + b)/2 + (1 − w)m with
 *   w = 4/(4 + n^0.75), and Wan's SD.
 * Requires a ≤ m ≤ b and n ≥ 2 (Wan's divisor is 0 at n = 1); returns null otherwise.
 */
export function meanSdFromMedianRange(
  median: number,
  min: number,
  max: number,
  n: number,
  method: 'hozo' | 'wan' | 'luo',
): MeanSdEstimate | null {
  if (![median, min, max, n].every(Number.isFinite) || !(min <= median && median <= max) || n < 2) {
    return null
  }
  const range = max - min
  const wanSd = range / (2 * normalQuantile((n - 0.375) / (n + 0.25)))
  if (method === 'wan') {
    return { mean: (min + 2 * median + max) / 4, sd: wanSd, method: 'range-wan-2014' }
  }
  if (method === 'luo') {
    const w = 4 / (4 + Math.pow(n, 0.75))
    return {
      mean: (w * (min + max)) / 2 + (1 - w) * median,
      sd: wanSd,
      method: 'range-luo-2018 (mean), wan-2014 (SD)',
    }
  }
  const mean = n <= 25 ? (min + 2 * median + max) / 4 : median
  if (n <= 15) {
    const variance = ((min - 2 * median + max) ** 2 / 4 + range * range) / 12
    return { mean, sd: Math.sqrt(variance), method: 'range-hozo-2005 (n ≤ 15: variance formula)' }
  }
  if (n <= 70) return { mean, sd: range / 4, method: 'range-hozo-2005 (15 < n ≤ 70: range/4)' }
  return { mean, sd: range / 6, method: 'range-hozo-2005 (n > 70: range/6)' }
}

/**
 * Mean and SD from the median m, quartiles q1, q3 and n (S2), or all five numbers (S3), for
 * 'wan' and 'luo' (Hozo et al. need the range and have no quartile form):
 * - S2: Wan et al. (2014) scenario 3, mean (q1 + m + q3)/3, SD (q3 − q1)/(2·Φ⁻¹((0.75n − 0.125)/(n + 0.25)));
 *   Luo et al. (2018) mean w(q1 + q3)/2 + (1 − w)m with w = 0.7 + 0.39/n.
 * - S3: Wan et al. scenario 2, mean (a + 2q1 + 2m + 2q3 + b)/8, SD
 *   (b − a)/(4·Φ⁻¹((n − 0.375)/(n + 0.25))) + (q3 − q1)/(4·Φ⁻¹((0.75n − 0.125)/(n + 0.25)));
 *   Luo et al. mean w1(a + b)/2 + w2(q1 + q3)/2 + (1 − w1 − w2)m, w1 = 2.2/(2.2 + n^0.75),
 *   w2 = 0.7 − 0.72/n^0.55.
 * Null for out-of-order numbers, n < 2, or another method.
 */
export function meanSdFromQuartiles(
  s: {
    median: number
    q1: number
    q3: number
    min?: number | null
    max?: number | null
    n: number
  },
  method: RangeMethod,
): MeanSdEstimate | null {
  const { median: m, q1, q3, n } = s
  const five = s.min !== null && s.min !== undefined && s.max !== null && s.max !== undefined
  if (method !== 'wan' && method !== 'luo') return null
  if (n < 2 || !(q1 <= m && m <= q3)) return null
  const xi = 2 * normalQuantile((0.75 * n - 0.125) / (n + 0.25))
  if (!five) {
    const sd = (q3 - q1) / xi
    if (method === 'wan') return { mean: (q1 + m + q3) / 3, sd, method: 'wan-2014 (IQR)' }
    const w = 0.7 + 0.39 / n
    return {
      mean: (w * (q1 + q3)) / 2 + (1 - w) * m,
      sd,
      method: 'luo-2018 (mean), wan-2014 (SD) (IQR)',
    }
  }
  const a = s.min as number
  const b = s.max as number
  if (!(a <= q1 && q3 <= b)) return null
  const sd = (b - a) / (2 * normalQuantile((n - 0.375) / (n + 0.25))) / 2 + (q3 - q1) / xi / 2
  if (method === 'wan') {
    return { mean: (a + 2 * q1 + 2 * m + 2 * q3 + b) / 8, sd, method: 'wan-2014 (range and IQR)' }
  }
  const w1 = 2.2 / (2.2 + Math.pow(n, 0.75))
  const w2 = 0.7 - 0.72 / Math.pow(n, 0.55)
  return {
    mean: (w1 * (a + b)) / 2 + (w2 * (q1 + q3)) / 2 + (1 - w1 - w2) * m,
    sd,
    method: 'luo-2018 (mean), wan-2014 (SD) (range and IQR)',
  }
}

export interface MedianRangeInput {
  study: string
  subgroup?: string | null
  median: number | null
  min: number | null
  max: number | null
  /** Quartiles, when reported (with or without the range). */
  q1?: number | null
  q3?: number | null
  n: number | null
  method?: RangeMethod
  scale?: MedianScale
}

export const REASON_RANGE_INVALID =
  'median with its range and/or quartiles and n must be numbers in order (min ≤ q1 ≤ median ≤ q3 ≤ max) with n ≥ 2'
export const REASON_RANGE_HOZO_IQR =
  'Hozo et al. (2005) need the range (min and max), not quartiles'
export const REASON_QE_NO_FIT =
  'no distribution could be fitted to the reported numbers (QE): no variance for the median'
export const REASON_RANGE_ZERO = 'zero range: the estimated SD is 0 (infinite weight)'
export const REASON_BOXCOX_INVALID =
  'the Box–Cox methods (BC, MLN) need every reported number > 0, in order, and n ≥ 3'
export const REASON_BOXCOX_NO_FIT =
  'the Box–Cox transform could not be fitted to the reported numbers: no mean and SD'
export const REASON_RANGE_LOG_NONPOSITIVE = 'median ≤ 0 cannot be put on the log scale'

/** The method codes of the Box–Cox methods, as results name them (also when a study fails). */
const BOX_COX_CODE: Partial<Record<RangeMethod, string>> & Record<'bc' | 'mln', string> = {
  bc: 'range-bc-mcgrath-2020',
  mln: 'range-mln-cai-2021',
}

const SCENARIO_TEXT: Record<SummaryScenario, string> = {
  S1: 'min, median, max',
  S2: 'q1, median, q3',
  S3: 'min, q1, median, q3, max',
}

/**
 * Effect size for a study that reports a median with its range (S1), its quartiles (S2) or both
 * (S3), and n. y is the median (log m on the log scale). Its variance:
 * - 'qe' (default): the variance of the median itself by the QE method (`qeMedianVariance`,
 *   McGrath et al. 2020, as R's metamedian), 1/(4 n f(m)²);
 * - 'bc', 'mln': the SD estimated by the Box–Cox method (`boxCoxMeanSd`, McGrath et al. 2020)
 *   or the MLN method (`mlnMeanSd`, Cai et al. 2021), both as R's estmeansd, over √n; every
 *   number must be > 0 and n ≥ 3;
 * - 'hozo', 'wan', 'luo': an estimated SD (`meanSdFromMedianRange`, `meanSdFromQuartiles`) over
 *   √n, the standard error of a mean standing in for that of the median (Hozo: range only; with
 *   all five numbers it uses the range and says so).
 * On the log scale SE = SE_raw/m (delta method). `method` names what was done; `note` gives the
 * fitted family or the estimated mean and SD.
 */
export function medianFromRange(input: MedianRangeInput): MedianEffect {
  const scale = input.scale ?? 'raw'
  const rangeMethod = input.method ?? 'qe'
  const base = { study: input.study, subgroup: input.subgroup ?? null, scale }
  const fail = (reason: string): MedianEffect => ({
    ...base,
    yi: null,
    vi: null,
    se: null,
    method: BOX_COX_CODE[rangeMethod] ?? `range-${rangeMethod}`,
    excludedReason: reason,
    note: null,
  })
  const { median, n } = input
  const summary = {
    median: median ?? Number.NaN,
    min: input.min,
    max: input.max,
    q1: input.q1 ?? null,
    q3: input.q3 ?? null,
    n: n ?? Number.NaN,
  }
  const scenario = summaryScenario(summary)
  if (median === null || n === null || scenario === null) return fail(REASON_RANGE_INVALID)
  if (scale === 'log' && !(median > 0)) return fail(REASON_RANGE_LOG_NONPOSITIVE)
  const finish = (seRaw: number, method: string, note: string): MedianEffect => {
    const se = scale === 'log' ? seRaw / median : seRaw
    return {
      ...base,
      yi: scale === 'log' ? Math.log(median) : median,
      vi: se * se,
      se,
      method,
      excludedReason: null,
      note,
    }
  }
  if (rangeMethod === 'qe') {
    const ordered = [summary.min, summary.q1, median, summary.q3, summary.max].filter(
      (x): x is number => x !== null && x !== undefined,
    )
    if (!(n >= 2) || ordered.some((x, i) => !Number.isFinite(x) || (i > 0 && x < ordered[i - 1]))) {
      return fail(REASON_RANGE_INVALID)
    }
    if (ordered[0] === ordered[ordered.length - 1]) return fail(REASON_RANGE_ZERO)
    const fit = qeMedianVariance(summary)
    if (fit === null) return fail(REASON_QE_NO_FIT)
    return finish(
      Math.sqrt(fit.variance),
      `range-qe-mcgrath-2020 (${scenario}: ${SCENARIO_TEXT[scenario]}; ${fit.family})`,
      `QE (McGrath et al. 2020): ${fit.family} distribution fitted to ${SCENARIO_TEXT[scenario]} (n = ${n}); variance of the median 1/(4 n f(m)²) = ${fit.variance}`,
    )
  }
  if (rangeMethod === 'bc' || rangeMethod === 'mln') {
    const ordered = [summary.min, summary.q1, median, summary.q3, summary.max].filter(
      (x): x is number => x !== null && x !== undefined,
    )
    if (!(n >= 3) || ordered.some((x, i) => !(x > 0) || (i > 0 && x < ordered[i - 1]))) {
      return fail(REASON_BOXCOX_INVALID)
    }
    if (ordered[0] === ordered[ordered.length - 1]) return fail(REASON_RANGE_ZERO)
    const fit: BoxCoxMeanSd | null =
      rangeMethod === 'bc' ? boxCoxMeanSd(summary) : mlnMeanSd(summary)
    if (fit === null || !(fit.sd > 0)) return fail(REASON_BOXCOX_NO_FIT)
    const name = BOX_COX_CODE[rangeMethod]
    const what =
      rangeMethod === 'bc' ? 'Box–Cox method (McGrath et al. 2020)' : 'MLN method (Cai et al. 2021)'
    const lambda = Number(fit.shape.toPrecision(4))
    return finish(
      fit.sd / Math.sqrt(n),
      `${name} (${scenario}: ${SCENARIO_TEXT[scenario]})`,
      `${what}: Box–Cox power ${lambda} fitted to ${SCENARIO_TEXT[scenario]} (n = ${n}); estimated mean ${Number(fit.mean.toPrecision(4))} and SD ${Number(fit.sd.toPrecision(4))}; SD/√n, the standard error of a mean, used for the median`,
    )
  }
  let est: MeanSdEstimate | null
  let extra = ''
  if (scenario === 'S1' || rangeMethod === 'hozo') {
    if (scenario === 'S2') return fail(REASON_RANGE_HOZO_IQR)
    est = meanSdFromMedianRange(median, summary.min!, summary.max!, n, rangeMethod)
    if (scenario === 'S3') extra = ' (q1 and q3 not used: Hozo et al. use the range only)'
  } else {
    est = meanSdFromQuartiles(
      { ...summary, median, n, q1: summary.q1!, q3: summary.q3! },
      rangeMethod,
    )
  }
  if (est === null) return fail(REASON_RANGE_INVALID)
  if (!(est.sd > 0)) return fail(REASON_RANGE_ZERO)
  const method = est.method.startsWith('range-') ? est.method : `range-${est.method}`
  return finish(
    est.sd / Math.sqrt(n),
    `${method}${extra}`,
    `${method}: estimated mean ${Number(est.mean.toPrecision(4))} and SD ${Number(est.sd.toPrecision(4))}; SD/√n, the standard error of a mean, used for the median${extra}`,
  )
}
