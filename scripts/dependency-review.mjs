/**
 * Dependency review, run by `npm test` (`npm run deps`): lists the runtime dependencies kmpool
 * ships (package.json's dependencies, and Electron, whose binary is the packaged app) at their
 * installed versions, and fails when one is inside an advisory of scripts/advisories.json that
 * applies to kmpool. An advisory that does not apply must say why (`"applies": "no"` with `why`),
 * and is printed with it, so that the reason is reviewed whenever the list is. The list is
 * committed and dated because the registry's audit endpoint cannot be reached here; a list older
 * than MAX_AGE_DAYS fails too, so that it cannot silently go stale.
 *
 * `node scripts/dependency-review.mjs [advisories.json] [node_modules]` — tests pass other files.
 */
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const LIST = resolve(process.argv[2] ?? join(ROOT, 'scripts/advisories.json'))
const MODULES = resolve(process.argv[3] ?? join(ROOT, 'node_modules'))
const MAX_AGE_DAYS = 120

/** x.y.z as three numbers; a pre-release counts as its release (conservative for "below"). */
function parse(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version)
  if (!m) throw new Error(`not a version: ${version}`)
  return m.slice(1, 4).map(Number)
}

function compare(a, b) {
  const [x, y] = [parse(a), parse(b)]
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i]
  return 0
}

function installed(name) {
  try {
    return JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8')).version
  } catch {
    return null
  }
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const list = JSON.parse(readFileSync(LIST, 'utf8'))
const runtime = [...Object.keys(pkg.dependencies ?? {}), 'electron'].sort()

const problems = []
const notes = []
const age = (Date.now() - Date.parse(list.checked)) / 86_400_000
if (!(age <= MAX_AGE_DAYS)) {
  problems.push(`the advisory list was last checked on ${list.checked}; check it again and date it`)
}
for (const name of runtime) {
  const version = installed(name)
  if (version === null) {
    problems.push(`${name} is not installed (npm ci first)`)
    continue
  }
  for (const a of list.advisories.filter((x) => x.package === name)) {
    const inside =
      compare(version, a.vulnerable.from) >= 0 && compare(version, a.vulnerable.below) < 0
    if (!inside) continue
    if (a.applies === 'no' && typeof a.why === 'string' && a.why.trim() !== '') {
      notes.push(`${name} ${version}: ${a.id} (${a.summary}) does not apply: ${a.why}`)
    } else {
      problems.push(
        `${name} ${version}: ${a.id} (${a.summary}); update to ${a.vulnerable.below} or later`,
      )
    }
  }
}

console.log(`Runtime dependencies: ${runtime.map((n) => `${n} ${installed(n) ?? '?'}`).join(', ')}`)
console.log(`Advisories checked on ${list.checked}: ${list.advisories.length}`)
for (const n of notes) console.log(`  reviewed: ${n}`)
for (const p of problems) console.error(`  ADVISORY: ${p}`)
process.exitCode = problems.length ? 1 : 0
