#!/usr/bin/env node
/**
 * `npm run mutation [-- <folder>...] [--report] [--mutate <file>,<file>...] [--tests <file>,<file>...]`:
 * mutation testing of the numerical core.
 *
 * Runs Stryker (stryker.config.mjs) once per folder of src/shared — survival, meta, reconstruct,
 * pool, or the folders named — one after the other, each with its own incremental file and JSON
 * report under reports/mutation/, then prints one row per folder read from those reports. With
 * `--report` it runs nothing and prints the table of the last runs; `--survivors` also lists every
 * mutant that survived or had no coverage (file:line, mutator, replacement). `--mutate` (one folder only)
 * mutates just the files listed; the incremental file keeps the other files' last results, so a
 * long folder can be measured in parts and its report still covers every part measured so far.
 * `--tests` (one folder only) runs only the test files listed (paths or globs) instead of the
 * folder's (vitest.mutation.config.ts reads them from MUTATION_TESTS): a mutant those files miss
 * counts as survived, so use it to measure one file fast, not for the figure of record. Exits 1 when survival or meta
 * is measured below its target (85% of mutants detected), or when a folder has no report.
 * See docs/mutation.md.
 */
import { existsSync, readFileSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const FOLDERS = ['survival', 'meta', 'reconstruct', 'pool']
/** Folders with a target; the others are measured and reported only. */
const TARGET = { survival: 85, meta: 85 }
const REPORT_DIR = 'reports/mutation'

const args = process.argv.slice(2)
const listSurvivors = args.includes('--survivors')
/** Every mutant run again: Stryker's incremental mode keeps a static mutant's old "survived". */
const fresh = args.includes('--fresh')
const reportOnly = args.includes('--report') || listSurvivors
const mutateAt = args.indexOf('--mutate')
const subset = mutateAt < 0 ? null : (args[mutateAt + 1] ?? '').split(',').filter(Boolean)
const testsAt = args.indexOf('--tests')
const tests = testsAt < 0 ? null : (args[testsAt + 1] ?? '').split(',').filter(Boolean)
const partAt = args.indexOf('--part')
const part = partAt < 0 ? null : (args[partAt + 1] ?? '')
const named = args.filter(
  (a, i) =>
    !a.startsWith('--') &&
    (mutateAt < 0 || i !== mutateAt + 1) &&
    (testsAt < 0 || i !== testsAt + 1) &&
    (partAt < 0 || i !== partAt + 1),
)
if (part !== null && (!/^[a-z0-9-]+$/.test(part) || subset === null)) {
  console.error('--part needs a name of lower-case letters, digits or dashes, and --mutate.')
  process.exit(2)
}
if (subset !== null && (subset.length === 0 || named.length !== 1)) {
  console.error('--mutate needs one folder and a comma-separated list of its files.')
  process.exit(2)
}
if (tests !== null && (tests.length === 0 || named.length !== 1)) {
  console.error('--tests needs one folder and a comma-separated list of test files.')
  process.exit(2)
}
const unknown = named.filter((f) => !FOLDERS.includes(f))
if (unknown.length > 0) {
  console.error(`Unknown folder ${unknown.join(', ')}: choose among ${FOLDERS.join(', ')}.`)
  process.exit(2)
}
const folders = named.length > 0 ? named : FOLDERS

const reportFile = (folder) => join(REPORT_DIR, `${folder}.json`)
/** A part's own files, so that parts of one folder can run at the same time (one per core). */
const partName = (folder) => (part === null ? folder : `${folder}.part-${part}`)

if (!reportOnly) {
  const { Stryker } = await import('@stryker-mutator/core')
  mkdirSync(REPORT_DIR, { recursive: true })
  for (const folder of folders) {
    const started = Date.now()
    console.log(`\n=== mutation testing src/shared/${folder} ===`)
    // vitest.mutation.config.ts runs only this folder's tests; Stryker's test runner inherits it.
    process.env.MUTATION_FOLDER = folder
    if (process.env.MUTATION_SKIP) console.log(`Tests left out: ${process.env.MUTATION_SKIP}`)
    if (tests !== null) {
      process.env.MUTATION_TESTS = tests.join(',')
      console.log(`Only these tests run: ${process.env.MUTATION_TESTS}`)
    }
    const stryker = new Stryker({
      mutate: subset ?? [`src/shared/${folder}/**/*.ts`, `!src/shared/${folder}/index.ts`],
      incremental: !fresh,
      incrementalFile: join(REPORT_DIR, `${partName(folder)}.incremental.json`),
      jsonReporter: { fileName: join(REPORT_DIR, `${partName(folder)}.json`) },
      tempDirName: part === null ? '.stryker-tmp' : `.stryker-tmp-${part}`,
    })
    await stryker.runMutationTest()
    // Which files this run measured, for the merge of a folder's reports (mergedReport).
    const files =
      subset ??
      readdirSync(`src/shared/${folder}`, { recursive: true })
        .map((f) => `src/shared/${folder}/${f}`)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('/index.ts'))
    writeFileSync(join(REPORT_DIR, `${partName(folder)}.mutated.json`), JSON.stringify(files))
    console.log(`src/shared/${folder}: ${((Date.now() - started) / 60_000).toFixed(1)} min`)
  }
}

/** Counts by status over every mutant of a mutation-testing-report-schema JSON report. */
function count(report) {
  const c = { Killed: 0, Survived: 0, Timeout: 0, NoCoverage: 0, other: 0 }
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status in c) c[m.status] += 1
      else c.other += 1
    }
  }
  return c
}

/**
 * The `line:col` positions docs/mutation.md explains for each source file: the bullets under a
 * line that starts with the file's name, up to the next such line or heading.
 */
function documentedPositions() {
  const doc = existsSync('docs/mutation.md') ? readFileSync('docs/mutation.md', 'utf8') : ''
  const byFile = new Map()
  let current = null
  for (const line of doc.split('\n')) {
    const heading = /^([A-Za-z]\w*\.ts)\b/.exec(line)
    if (heading) current = heading[1]
    else if (line.startsWith('#')) current = null
    if (current === null) continue
    const set = byFile.get(current) ?? new Set()
    for (const m of line.matchAll(/\b(\d+):(\d+)\b/g)) set.add(`${m[1]}:${m[2]}`)
    byFile.set(current, set)
  }
  return byFile
}

/**
 * One line per surviving or uncovered mutant, in file and line order, each marked with whether
 * docs/mutation.md explains it; returns how many it does not.
 */
function printSurvivors(folder, report) {
  console.log(`\nSurviving mutants of src/shared/${folder}:`)
  const documented = documentedPositions()
  let unexplained = 0
  for (const [name, file] of Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lines = file.source.split('\n')
    const left = file.mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line)
    const known = documented.get(name.split('/').pop()) ?? new Set()
    for (const m of left) {
      const { start, end } = m.location
      const original =
        start.line === end.line
          ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
          : `${lines[start.line - 1].slice(start.column - 1)}…`
      const status = m.status === 'NoCoverage' ? ' [no coverage]' : ''
      const listed = known.has(`${start.line}:${start.column}`)
      if (!listed) unexplained += 1
      const shorten = (t) => (t.length > 70 ? `${t.slice(0, 67)}...` : t).replace(/\s+/g, ' ')
      console.log(
        `  ${listed ? 'documented ' : 'UNEXPLAINED'} ${name}:${start.line}:${start.column} ${m.mutatorName}${status}: ${shorten(original)} -> ${shorten(m.replacement ?? '')}`,
      )
    }
  }
  console.log(
    `${unexplained} surviving mutant(s) of src/shared/${folder} not explained in docs/mutation.md (by file and line:col).`,
  )
  return unexplained
}

/**
 * The folder's report merged with its parts' (`--part`): for each source file, the mutants of the
 * most recent report that measured it as it is now (else the most recent). Null when there is no
 * report at all.
 */
function mergedReport(folder) {
  const names = readdirSync(REPORT_DIR).filter(
    (n) =>
      (n === `${folder}.json` || (n.startsWith(`${folder}.part-`) && n.endsWith('.json'))) &&
      !n.endsWith('.incremental.json') &&
      !n.endsWith('.mutated.json'),
  )
  if (names.length === 0) return null
  const byAge = names
    .map((n) => ({ path: join(REPORT_DIR, n), time: statSync(join(REPORT_DIR, n)).mtimeMs }))
    .sort((a, b) => a.time - b.time)
  // A report also carries the files its run did not mutate, as its incremental file had them
  // (with their old results): only the files a run mutated (its `.mutated.json`, written by this
  // script; a report without one counts as having measured all) are taken from it.
  const merged = { files: {} }
  for (const { path } of byAge) {
    const report = JSON.parse(readFileSync(path, 'utf8'))
    const listFile = path.replace(/\.json$/, '.mutated.json')
    const mutated = existsSync(listFile) ? JSON.parse(readFileSync(listFile, 'utf8')) : null
    for (const [name, file] of Object.entries(report.files)) {
      if (mutated === null || mutated.includes(name)) {
        merged.files[name] = file
        continue
      }
      // A run over line ranges (`--mutate file.ts:14-20`, Stryker's syntax) replaces the mutants
      // of those lines only, in the file as measured before.
      const ranges = (mutated ?? []).flatMap((entry) => {
        const m = /^(.*):(\d+)-(\d+)$/.exec(entry)
        return m && m[1] === name ? [[Number(m[2]), Number(m[3])]] : []
      })
      const before = merged.files[name]
      if (ranges.length === 0 || !before || before.source !== file.source) continue
      const inRange = (mutant) =>
        ranges.some(([a, b]) => mutant.location.start.line >= a && mutant.location.start.line <= b)
      merged.files[name] = {
        ...before,
        mutants: [...before.mutants.filter((x) => !inRange(x)), ...file.mutants.filter(inRange)],
      }
    }
  }
  for (const [name, file] of Object.entries(merged.files)) {
    if (!existsSync(name) || readFileSync(name, 'utf8') !== file.source) {
      console.log(`${name}: measured on an older version of the file; run it again.`)
    }
  }
  return merged
}

const rows = []
let failed = false
for (const folder of folders) {
  const report = existsSync(REPORT_DIR) ? mergedReport(folder) : null
  if (report === null) {
    console.error(
      `No report for ${folder} (${reportFile(folder)}): run npm run mutation -- ${folder}.`,
    )
    failed = true
    continue
  }
  const c = count(report)
  if (listSurvivors) printSurvivors(folder, report)
  const detected = c.Killed + c.Timeout
  const valid = detected + c.Survived + c.NoCoverage
  const score = valid === 0 ? NaN : (100 * detected) / valid
  const target = TARGET[folder]
  const verdict = target === undefined ? 'measured' : score >= target ? 'ok' : 'BELOW TARGET'
  if (target !== undefined && !(score >= target)) failed = true
  rows.push([
    folder,
    c.Killed,
    c.Survived,
    c.Timeout,
    c.NoCoverage,
    c.other,
    `${score.toFixed(1)}%`,
    target === undefined ? '-' : `${target}%`,
    verdict,
  ])
}

const header = [
  'folder',
  'killed',
  'survived',
  'timeout',
  'no coverage',
  'errors',
  'score',
  'target',
  '',
]
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
const line = (r) =>
  r
    .map((v, i) =>
      String(v)
        .padStart(i === 0 ? 0 : widths[i])
        .padEnd(i === 0 ? widths[0] : 0),
    )
    .join('  ')
console.log(
  '\nMutation score per folder (score = (killed + timeout) / (killed + timeout + survived + no coverage);',
)
console.log('errors = compile or runtime errors, not counted):')
console.log(line(header))
for (const r of rows) console.log(line(r))
process.exit(failed ? 1 : 0)
