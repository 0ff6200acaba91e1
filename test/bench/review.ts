import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseStudyFile } from '../../src/shared/model/projectFile'
import { defaultReviewSettings, type ReviewSettings } from '../../src/shared/model/review'
import { parseReviewFile } from '../../src/shared/model/reviewFile'
import { computeReview, type ReviewInput, ReviewCache } from '../../src/shared/review'
import { random } from '../generator/simulateIpd'
import { digitizedStudy, entry, patients } from '../review/studies'

const ROOT = resolve(import.meta.dirname, '../..')
const EXAMPLE = join(ROOT, 'examples/metastasectomy')

function exampleInput(): ReviewInput {
  const review = parseReviewFile(
    readFileSync(join(EXAMPLE, 'metastasectomy.kmreview'), 'utf8'),
    'metastasectomy.kmreview',
  )
  return {
    title: review.title,
    settings: review.settings,
    studies: review.studies.map((e) =>
      entry(parseStudyFile(readFileSync(join(EXAMPLE, e.path), 'utf8'), e.path), e.path),
    ),
  }
}

/**
 * A review of `k` digitized studies in four subgroups (lung, liver, spine, brain, medians 73,
 * 35, 14 and 14 months), 30 to 150 patients each, every tenth with a comparison arm.
 */
export function generatedInput(k: number): ReviewInput {
  const rand = random(4242)
  const sites = [
    ['Lung', 73],
    ['Liver', 35],
    ['Spine', 14],
    ['Brain', 14],
  ] as const
  const studies = Array.from({ length: k }, (_, i) => {
    const [site, med] = sites[i % sites.length]
    const n = 30 + Math.floor(rand() * 120)
    const arms = [{ name: 'Resected', ipd: patients(1000 + i, n, med * (0.8 + 0.4 * rand())) }]
    if (i % 10 === 0) arms.push({ name: 'Not resected', ipd: patients(5000 + i, n, med / 2) })
    return entry(digitizedStudy(`Study ${i + 1}`, site, arms), `s${i + 1}.kmstudy`)
  })
  return { title: `${k} generated studies`, settings: defaultReviewSettings(), studies }
}

/**
 * Mean time from a settings change to recomputed results: the review computed once (its
 * reconstructions cached, as the app keeps them), then recomputed as the estimator flips between
 * REML and DL.
 */
function settingsChangeMs(input: ReviewInput, runs: number): { cold: number; warm: number } {
  const cache = new ReviewCache()
  let t = performance.now()
  computeReview(input, { cache })
  const cold = performance.now() - t
  const flip = (i: number): ReviewSettings => ({
    ...input.settings,
    method: i % 2 === 0 ? 'DL' : 'REML',
  })
  computeReview({ ...input, settings: flip(0) }, { cache })
  t = performance.now()
  for (let i = 1; i <= runs; i++) computeReview({ ...input, settings: flip(i) }, { cache })
  return { cold, warm: (performance.now() - t) / runs }
}

export function benchReview(print: (s: string) => void): void {
  print('## Review: from a settings change (REML ⇄ DL) to recomputed results')
  print('')
  print('| review | studies | first computation (reconstructs) ms | settings change ms |')
  print('| --- | --- | --- | --- |')
  const example = exampleInput()
  const e = settingsChangeMs(example, 20)
  print(
    `| examples/metastasectomy | ${example.studies.length} | ${e.cold.toFixed(0)} | ${e.warm.toFixed(1)} |`,
  )
  const big = generatedInput(100)
  const b = settingsChangeMs(big, 10)
  print(`| generated | 100 | ${b.cold.toFixed(0)} | ${b.warm.toFixed(1)} |`)
  print('')
  const out = mkdtempSync(join(tmpdir(), 'kmpool-bench-'))
  const t = performance.now()
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'bin/kmpool.mjs'), 'review', EXAMPLE, '--out', out],
    { encoding: 'utf8' },
  )
  const wall = performance.now() - t
  print(
    `Full \`kmpool review examples/metastasectomy --out DIR\` (start-up, reconstruction, pooling, ${run.stdout.match(/Wrote (\d+) files/)?.[1] ?? '?'} files with PNGs at 300 dpi): ${(wall / 1000).toFixed(2)} s${run.status === 0 ? '' : ` (exit ${run.status}: ${run.stderr.trim()})`}.`,
  )
  print('')
  print(
    'Target (issue 6): a settings change updates the results in under 200 ms, 100 studies included.',
  )
  print('')
}
