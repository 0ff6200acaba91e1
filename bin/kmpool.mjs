#!/usr/bin/env node
// Runs the built CLI (out/cli: `npm run build:cli`; the installed package ships it). In a clone,
// the TypeScript sources run through tsx (a development dependency) instead when there is no
// build or when a source file is newer than it, so that an edit is never run stale.
import { existsSync, readdirSync, statSync } from 'node:fs'

const built = new URL('../out/cli/kmpool.mjs', import.meta.url)
const sources = new URL('../src/', import.meta.url)

/** Whether a file under these source folders changed after the build. */
function newerThan(time) {
  const folders = ['cli', 'node', 'shared'].map((f) => new URL(`${f}/`, sources))
  for (const folder of folders) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > time) {
        return true
      }
    }
  }
  return false
}

const clone = existsSync(new URL('cli/index.ts', sources))
if (existsSync(built) && !(clone && newerThan(statSync(built).mtimeMs))) {
  await import(built.href)
} else if (!clone) {
  process.stderr.write('kmpool: the package is incomplete (out/cli/kmpool.mjs is missing)\n')
  process.exit(1)
} else {
  let register
  try {
    ;({ register } = await import('tsx/esm/api'))
  } catch {
    process.stderr.write(
      'kmpool: the command line is not built; run "npm run build:cli" (or "npm install" for tsx)\n',
    )
    process.exit(1)
  }
  register()
  await import('../src/cli/index.ts')
}
