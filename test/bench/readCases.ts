import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readImage } from '../../src/cli/image'
import { readFigureStudy } from '../../src/node/figureReading'
import { openOcr } from '../../src/node/ocr'
import type { Study } from '../../src/shared/model/study'
import type { IpdRow, RiskRow } from '../../src/shared/reconstruct/types'
import { reconstructStudy, studyReconstructionInput } from '../../src/shared/study/reconstructStudy'
import { coxTwoGroup } from '../../src/shared/survival'
import { type Calibration, parseColor } from '../../src/shared/trace'
import { SHARED, loadCases, loadTrials } from './cases'
import { BONNER, BONNER_INKS } from './tracing'
import { integratedAbsoluteError } from './metrics'

type Print = (s: string) => void

/** A true arm as the figure names and draws it, with its risk table. */
interface TrueArm {
  name: string
  color: string
  risk: RiskRow[]
}

const letters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '')

/**
 * The true arm each curve of a study is: by the name read from the risk table's label when it is
 * an arm's (letters only: "Radiotherapy plus cetuximab" is radiotherapy_cetuximab), else by the
 * nearest colour. Each arm once; -1 for a curve left without one.
 */
function armsOfCurves(study: Study, arms: readonly TrueArm[]): number[] {
  const taken = new Set<number>()
  const byName = study.curves.map((c) => {
    const name = letters(c.name).replace('plus', '')
    const k = arms.findIndex((a, j) => letters(a.name) === name && !taken.has(j))
    if (k >= 0) taken.add(k)
    return k
  })
  return byName.map((k, i) => {
    if (k >= 0) return k
    const rgb = parseColor(study.curves[i].color)
    let best = -1
    let bestD = Infinity
    arms.forEach((a, j) => {
      if (taken.has(j)) return
      const t = parseColor(a.color)
      const d = Math.hypot(rgb[0] - t[0], rgb[1] - t[1], rgb[2] - t[2])
      if (d < bestD) {
        bestD = d
        best = j
      }
    })
    if (best >= 0) taken.add(best)
    return best
  })
}

/** The study's reconstructed patients per true arm (null where the arm got no reconstruction). */
function ipdPerArm(study: Study, arms: readonly TrueArm[], risk: 'read' | 'given') {
  const armOf = armsOfCurves(study, arms)
  const input = studyReconstructionInput(study)
  if (risk === 'given') {
    input.curves.forEach((c, i) => {
      if (armOf[i] >= 0) c.risk = arms[armOf[i]].risk.map((r) => ({ ...r }))
    })
  }
  const out = reconstructStudy(input)
  return arms.map((_, j) => {
    const i = armOf.indexOf(j)
    const o = i >= 0 ? out.curves[i] : undefined
    return o?.status === 'done' ? o.ipd : null
  })
}

/**
 * `npm run bench -- read`, issue 14's last target: on `../shared/cases` and the Bonner figure of
 * `../shared/trials`, the study `kmpool read` writes (axes, curves, risk table and censor marks
 * all read from the image) reconstructs as accurately as the same reading given the true
 * calibration and the true risk tables (mean IAE within 0.0005). The curves are read alike in
 * both (auto colours, as `kmpool read` does); the difference is what reading the axes and the
 * table costs. Bonner has no true patients: its hazard ratio is printed beside the published one.
 */
export async function benchReadCases(print: Print): Promise<void> {
  print('## `kmpool read` on the shared cases and trials (issue 14)')
  print('')
  const ocr = openOcr()
  try {
    const iae = (ipd: IpdRow[] | null, truth: IpdRow[]) =>
      ipd ? integratedAbsoluteError(ipd, truth) : null
    const f4 = (x: number | null) => (x === null ? 'not reconstructed' : x.toFixed(4))
    // A difference that rounds to zero is printed as 0.0000, not −0.0000.
    const diff = (x: number) => x.toFixed(4).replace(/^-(0\.0+)$/, '$1')
    print(
      'IAE against the true IPD of the reconstruction from the study `kmpool read` writes: everything read from the image, beside the same reading given the true calibration (`--calibration`) and the true risk tables. Censor marks as the study has them.',
    )
    print('')
    print('| case / arm | all read | true calibration and risk tables | difference |')
    print('|---|---|---|---|')
    const pairs: [number, number][] = []
    for (const c of loadCases()) {
      const dir = join(SHARED, 'cases', c.name)
      const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'))
      const file = join(dir, 'figure.png')
      const bytes = readFileSync(file)
      const image = readImage(file)
      const arms = c.arms.map((a) => ({
        name: a.name,
        color: truth.curveColors[a.name],
        risk: a.risk,
      }))
      const read = await readFigureStudy(ocr, bytes, 'figure.png', image, null)
      const given = await readFigureStudy(
        ocr,
        bytes,
        'figure.png',
        image,
        truth.calibration as Calibration,
      )
      const a = ipdPerArm(read.study, arms, 'read')
      const b = ipdPerArm(given.study, arms, 'given')
      c.arms.forEach((arm, j) => {
        const x = iae(a[j], arm.truth)
        const y = iae(b[j], arm.truth)
        if (x !== null && y !== null) pairs.push([x, y])
        print(
          `| ${c.name} / ${arm.name} | ${f4(x)} | ${f4(y)} | ${x === null || y === null ? '–' : diff(x - y)} |`,
        )
      })
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
    const d = mean(pairs.map(([x]) => x)) - mean(pairs.map(([, y]) => y))
    print(
      `| **mean (${pairs.length} arms)** | **${mean(pairs.map(([x]) => x)).toFixed(4)}** | **${mean(pairs.map(([, y]) => y)).toFixed(4)}** | **${diff(d)}** (target within 0.0005: ${Math.abs(d) <= 0.0005 ? 'met' : 'NOT met'}) |`,
    )
    print('')

    const trial = loadTrials().find((t) => t.name === 'bonner2006')!
    const file = join(SHARED, 'trials', 'bonner2006', 'figure.png')
    const image = readImage(file)
    const bytes = readFileSync(file)
    const arms = trial.arms.map((a) => ({
      name: a.name,
      color: BONNER_INKS[a.name as keyof typeof BONNER_INKS],
      risk: a.risk,
    }))
    const p = trial.published!
    print(
      '| Bonner 2006 (published figure, 437×348) | hazard ratio (95% CI) | inside the published CI |',
    )
    print('|---|---|---|')
    for (const [label, given, risk] of [
      ['all read', null, 'read'],
      ['true calibration and risk tables', BONNER, 'given'],
    ] as const) {
      let cell: string
      try {
        const reading = await readFigureStudy(ocr, bytes, 'figure.png', image, given)
        const ipd = ipdPerArm(reading.study, arms, risk)
        if (ipd.some((x) => x === null)) cell = 'an arm not reconstructed | –'
        else {
          const rows = ipd.flatMap((x, j) => x!.map((r) => ({ ...r, arm: arms[j].name })))
          const cox = coxTwoGroup(
            rows.map((r) => r.time),
            rows.map((r) => r.event),
            rows.map((r) => r.arm),
            { ref: arms[0].name },
          )
          const inside = cox.hr !== null && cox.hr >= p.lower && cox.hr <= p.upper
          cell = `${cox.hr?.toFixed(3)} (${cox.lower?.toFixed(3)}–${cox.upper?.toFixed(3)}) | ${inside ? 'yes' : 'no'}`
        }
      } catch (e) {
        cell = `not read: ${(e as Error).message} | –`
      }
      print(`| ${label} | ${cell} |`)
    }
    print(`| published | ${p.hr} (${p.lower}–${p.upper}) | |`)
    print('')
  } finally {
    await ocr.close()
  }
}
