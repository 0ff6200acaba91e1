/**
 * `npm start` without the Electron binary (issue 13): one line saying what is missing and the
 * command that fixes it, no stack trace. Runs the wrapper with the binary hidden.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

describe('npm start without the Electron binary', () => {
  it('says in one line what is missing and how to fix it', () => {
    // Electron's own lookup honours this override: a folder without the binary stands for an
    // install where the download failed.
    const run = spawnSync(process.execPath, [join(root, 'scripts/start.mjs')], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(root, 'no-such-electron-dist') },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.status).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^kmpool cannot start: the Electron binary .*install\.js$/)
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/)
  })
})
