import { defaultReviewSettings } from '../../src/shared/model/review'
import type { PreparedStudy } from '../../src/shared/review'
import { oneStage } from '../../src/shared/review/oneStage'
import { measure } from './timing'

/** Issue 16: the one-stage analysis of 100 studies × 300 patients under 1 s. */
const TARGET_MS = 1000
const STUDIES = 100
const PATIENTS = 300

/**
 * Seeded synthetic studies: exponential times (median 12–36 months, hazard ratio 0.7 in the other
 * arm), uniform censoring to 60 months, times to 0.1 month so that some are tied. `twoArm`: 150
 * patients per arm; otherwise one arm of 300 in subgroup "a" or "b" by study.
 */
function studies(twoArm: boolean, seed: number): PreparedStudy[] {
  let s = seed
  const uniform = () => (s = (s * 16807) % 2147483647) / 2147483647
  const arm = (name: string, n: number, hazard: number) => {
    const time: number[] = []
    const event: (0 | 1)[] = []
    for (let i = 0; i < n; i++) {
      const t = -Math.log(1 - uniform()) / hazard
      const c = 60 * uniform()
      time.push(Math.max(0.1, Math.round(10 * Math.min(t, c)) / 10))
      event.push(t <= c ? 1 : 0)
    }
    return { arm: name, time, event }
  }
  return Array.from({ length: STUDIES }, (_, index) => {
    const hazard = Math.LN2 / (12 + 24 * uniform())
    const ipd = twoArm
      ? [arm('Other', PATIENTS / 2, 0.7 * hazard), arm('Control', PATIENTS / 2, hazard)]
      : [arm('All', PATIENTS, hazard)]
    return {
      index,
      label: `study ${index + 1}`,
      subgroup: twoArm ? null : index % 2 ? 'b' : 'a',
      excludedReason: null,
      ipd,
      pooledArm: ipd[0].arm,
      cox: twoArm
        ? { beta: null, se: null, arm: 'Other', reference: 'Control', nArm: 150, nReference: 150 }
        : null,
    } as unknown as PreparedStudy
  })
}

export function benchOneStage(print: (s: string) => void): void {
  const settings = defaultReviewSettings()
  const twoArm = studies(true, 16)
  const singleArm = studies(false, 1606)
  const stratified = measure(() => oneStage(twoArm, settings), 300, 3)
  const robust = measure(() => oneStage(singleArm, settings), 300, 3)
  const ms = (x: number) => x.toFixed(0)
  print('')
  print('## One-stage analysis (synthetic seeded studies; mean of repeated runs after the first)')
  print('')
  print('| review | studies × patients | first run (ms) | warm (ms) | target |')
  print('| --- | --- | --- | --- | --- |')
  print(
    `| two-arm: Cox stratified by study + cox.zph + RMST per arm, pooled two-stage and one-stage + combined curves | ${STUDIES} × ${PATIENTS} | ${ms(stratified.first)} | ${ms(stratified.warm)} | < ${TARGET_MS} ms |`,
  )
  print(
    `| single-arm, 2 subgroups: Cox with robust variance by study + cox.zph + RMST + combined curves | ${STUDIES} × ${PATIENTS} | ${ms(robust.first)} | ${ms(robust.warm)} | < ${TARGET_MS} ms |`,
  )
  print('')
  print(
    `Target (issue 16): the one-stage analysis of ${STUDIES} studies × ${PATIENTS} patients under ${TARGET_MS / 1000} s, each review timed whole (\`oneStage\` of src/shared/review/oneStage.ts).`,
  )
}
