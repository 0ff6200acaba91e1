/**
 * The CSV files of a risk table read from a figure: one per arm, `time,n_risk`, named by the
 * arm's label. A label is text read from someone's figure: it becomes a plain file name (letters,
 * digits, ".", "-", "_"; nothing that names a folder, a device or a hidden file), never a path.
 */
import type { RiskArm } from './types'

/** Names Windows keeps for devices, in any case and with any extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i
const MAX_STEM = 60

/** A label as a file stem: runs of other characters become "_", trimmed, at most 60 long. */
export function fileStem(label: string): string {
  const stem = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9.\-_]+/g, '_')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/[._-]+$/g, '')
  return RESERVED.test(stem.split('.')[0]) ? `arm_${stem}` : stem
}

/**
 * One file name per arm, in table order: the label's stem + ".csv", "arm_N.csv" for a row without
 * a usable label, and "_2", "_3" after a name already taken (compared without case, as macOS and
 * Windows do).
 */
export function armFileNames(arms: readonly Pick<RiskArm, 'label'>[]): string[] {
  const taken = new Set<string>()
  return arms.map((arm, i) => {
    const stem = fileStem(arm.label) || `arm_${i + 1}`
    let name = `${stem}.csv`
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${stem}_${k}.csv`
    taken.add(name.toLowerCase())
    return name
  })
}

/** The arm's numbers read, as `time,n_risk` CSV; the cells not read are not in it. */
export function armCsv(arm: Pick<RiskArm, 'cells'>): string {
  return `time,n_risk\n${arm.cells.map((c) => `${c.time},${c.nRisk}\n`).join('')}`
}
