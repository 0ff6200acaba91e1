// `npm start`: checks that the Electron binary is there before electron-vite tries to run it, so a
// machine where it could not be downloaded gets one line saying what is missing and the command
// that fixes it, not Electron's stack trace.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function electronProblem() {
  let binary
  try {
    // The electron package exports the path of its binary, and throws when it was never downloaded.
    binary = require('electron')
  } catch {
    return 'the Electron binary was never downloaded'
  }
  return existsSync(binary) ? null : `the Electron binary is missing (${binary})`
}

const problem = electronProblem()
if (problem) {
  console.error(
    `kmpool cannot start: ${problem}. Download it with: ELECTRON_SKIP_BINARY_DOWNLOAD= node node_modules/electron/install.js`,
  )
  process.exit(1)
}

const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js')
const child = spawn(process.execPath, [cli, 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit',
})
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
