/**
 * Builds the app once per run of the end-to-end project, so its tests always drive the current
 * sources rather than whatever an earlier build left in out/.
 */
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from './paths'

export default async function buildApp(): Promise<void> {
  const require = createRequire(import.meta.url)
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js')
  try {
    await promisify(execFile)(process.execPath, [cli, 'build'], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`electron-vite build failed:\n${stdout}\n${stderr}`, { cause: error })
  }
}
