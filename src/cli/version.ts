import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * kmpool's version, from the package.json of the folder it runs from: the nearest one above this
 * module, which is src/cli/ in a clone and out/cli/ once built (installed or not).
 */
export function kmpoolVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      if (pkg.name === 'kmpool') return String(pkg.version)
    } catch {
      // No package.json here (or not one we can read): look one folder up.
    }
    const up = dirname(dir)
    if (up === dir) throw new Error('kmpool: cannot find its own package.json')
    dir = up
  }
}
