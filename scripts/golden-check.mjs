#!/usr/bin/env node
// `npm run golden:check`: re-runs every R golden script of test/golden into a temporary folder
// and fails on any difference with the committed JSON, so the goldens the tests read stay what R
// computes. Each script writes into $KMPOOL_GOLDEN_OUT when it is set (its own folder otherwise).
// A .R file that another script source()s is a helper (json.R), not run on its own. Scripts are
// found by glob, so a new one is checked without editing this file. Without Rscript on the PATH
// the check is skipped with a one-line message and exit code 0: tests never need R.
//
//   node scripts/golden-check.mjs            check test/golden
//   node scripts/golden-check.mjs --list     print the scripts and helpers found, as JSON, run nothing
//   node scripts/golden-check.mjs --dir D    use folder D instead of test/golden

import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT_VAR = 'KMPOOL_GOLDEN_OUT'
/**
 * Fields whose value depends on when or with which R a script ran, not on what it computed; none
 * of today's scripts writes one, a script that records its run may use these names.
 */
const VOLATILE_KEYS = new Set(['generated', 'generated_at', 'timestamp', 'r_version', 'R_version'])
/** The same in a text output: a line naming the R version or the time of the run. */
const VOLATILE_LINE = /^\s*#?\s*(generated|timestamp|R version)\b/i

function parseArgs(argv) {
  const args = { list: false, dir: join(ROOT, 'test/golden') }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--list') args.list = true
    else if (argv[i] === '--dir' && i + 1 < argv.length) args.dir = resolve(argv[++i])
    else {
      console.error(`golden:check: unknown argument "${argv[i]}" (use --list or --dir FOLDER)`)
      process.exit(2)
    }
  }
  return args
}

/** The .R files of `dir`, split into scripts to run and helpers that scripts source(). */
function findScripts(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.R'))
    .sort()
  const sourced = new Set()
  for (const f of files) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/source\([^)]*?"([^"/]+\.R)"/g))
      sourced.add(m[1])
  }
  return {
    scripts: files.filter((f) => !sourced.has(f)),
    helpers: files.filter((f) => sourced.has(f)),
  }
}

/** Differences between two parsed JSON values, volatile fields left out; at most `max` paths. */
function jsonDiffs(a, b, path = '$', out = [], max = 5) {
  if (out.length >= max) return out
  if (
    typeof a !== typeof b ||
    Array.isArray(a) !== Array.isArray(b) ||
    (a === null) !== (b === null)
  ) {
    out.push(`${path}: ${JSON.stringify(a)} vs committed ${JSON.stringify(b)}`)
  } else if (Array.isArray(a)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} items vs committed ${b.length}`)
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      jsonDiffs(a[i], b[i], `${path}[${i}]`, out, max)
  } else if (a !== null && typeof a === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (k) => !VOLATILE_KEYS.has(k),
    )
    for (const k of keys) {
      if (!(k in a)) out.push(`${path}.${k}: missing vs committed ${JSON.stringify(b[k])}`)
      else if (!(k in b))
        out.push(`${path}.${k}: ${JSON.stringify(a[k])} not in the committed file`)
      else jsonDiffs(a[k], b[k], `${path}.${k}`, out, max)
    }
  } else if (a !== b) {
    out.push(`${path}: ${JSON.stringify(a)} vs committed ${JSON.stringify(b)}`)
  }
  return out.slice(0, max)
}

/** Why a fresh output differs from the committed one, or null when they agree. */
function compare(fresh, committed, name) {
  if (fresh === committed) return null
  if (name.endsWith('.json')) {
    let a, b
    try {
      a = JSON.parse(fresh)
      b = JSON.parse(committed)
    } catch (e) {
      return `not valid JSON (${e.message})`
    }
    const diffs = jsonDiffs(a, b)
    if (diffs.length === 0) {
      // Same values: either only volatile fields differ, or the same doubles are spelled otherwise.
      return stripsOnlyVolatile(fresh, committed)
        ? null
        : 'the same values written differently (bytes differ; check number formatting)'
    }
    return diffs.join('\n    ')
  }
  const lines = (s) => s.split('\n').filter((l) => !VOLATILE_LINE.test(l))
  const [a, b] = [lines(fresh), lines(committed)]
  const i = a.findIndex((l, k) => l !== b[k])
  if (i === -1 && a.length === b.length) return null
  const at = i === -1 ? Math.min(a.length, b.length) : i
  return `line ${at + 1} differs: ${JSON.stringify(a[at] ?? '(end)')} vs committed ${JSON.stringify(b[at] ?? '(end)')}`
}

/** True when the two JSON texts are byte-equal once every volatile "key": value is removed. */
function stripsOnlyVolatile(fresh, committed) {
  const keys = [...VOLATILE_KEYS].join('|')
  const re = new RegExp(`"(?:${keys})":(?:"(?:[^"\\\\]|\\\\.)*"|[^,}\\]]*),?`, 'g')
  return fresh.replace(re, '') === committed.replace(re, '')
}

function main() {
  const args = parseArgs(process.argv.slice(2))
  const { scripts, helpers } = findScripts(args.dir)
  if (args.list) {
    process.stdout.write(`${JSON.stringify({ scripts, helpers })}\n`)
    return 0
  }
  const hasR = spawnSync('Rscript', ['--version'], { encoding: 'utf8' })
  if (hasR.error) {
    console.log(
      'golden:check skipped: Rscript is not on the PATH (the tests read the committed JSON and never need R).',
    )
    return 0
  }
  const out = mkdtempSync(join(tmpdir(), 'kmpool-golden-'))
  let failures = 0
  let notRun = 0
  const produced = new Set()
  try {
    for (const script of scripts) {
      const before = new Set(readdirSync(out))
      const t = performance.now()
      const run = spawnSync('Rscript', [join(args.dir, script)], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, [OUT_VAR]: out },
      })
      const secs = ((performance.now() - t) / 1000).toFixed(1)
      if (run.status !== 0) {
        failures++
        notRun++
        const log = `${run.stderr}\n${run.stdout}`
        const missing = log.match(/there is no package called ‘([^’]+)’/)?.[1]
        if (missing) {
          console.log(
            `✗ ${script} not checked: the R package ${missing} is not installed (the script's header says where it comes from; R_LIBS_USER may point at it)`,
          )
        } else {
          console.log(
            `✗ ${script}: Rscript exited with ${run.status ?? run.signal} after ${secs} s`,
          )
          console.log(`    ${log.trim().split('\n').slice(-5).join('\n    ')}`)
        }
        continue
      }
      const outputs = readdirSync(out).filter((f) => !before.has(f))
      if (outputs.length === 0) {
        failures++
        console.log(
          `✗ ${script}: wrote nothing into $${OUT_VAR} (it must write its output there when the variable is set)`,
        )
        continue
      }
      for (const name of outputs) {
        produced.add(name)
        const committedPath = join(args.dir, name)
        if (!existsSync(committedPath)) {
          failures++
          console.log(`✗ ${script} → ${name}: no committed file of that name in ${args.dir}`)
          continue
        }
        const fresh = readFileSync(join(out, name), 'utf8')
        const committed = readFileSync(committedPath, 'utf8')
        const why = compare(fresh, committed, name)
        if (why === null) {
          const how = fresh === committed ? 'identical to' : 'as'
          const but = fresh === committed ? '' : ' but for run dates or R versions'
          console.log(`✓ ${script} → ${name}: ${how} the committed file${but} (${secs} s)`)
        } else {
          failures++
          console.log(`✗ ${script} → ${name} differs from the committed file:\n    ${why}`)
        }
      }
    }
    // A script that did not run may be the one that writes a JSON: only then is one an orphan.
    const orphans =
      notRun > 0 ? [] : readdirSync(args.dir).filter((f) => f.endsWith('.json') && !produced.has(f))
    for (const f of orphans) {
      failures++
      console.log(`✗ ${f}: committed, but no script in ${args.dir} wrote it`)
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
  const rVersion = (hasR.stdout || hasR.stderr).trim().split('\n')[0]
  console.log(
    failures === 0
      ? `golden:check passed: ${scripts.length} scripts reproduce their committed output (${rVersion}).`
      : `golden:check failed: ${failures} problem(s) above, ${notRun} of ${scripts.length} scripts could not run (${rVersion}).`,
  )
  return failures === 0 ? 0 : 1
}

process.exitCode = main()
