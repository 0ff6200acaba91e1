// Preloaded (`node --import`) into a CLI run by test/hostile/memory.test.ts: at exit, writes the
// process's peak resident memory in kB to the file named by KMPOOL_PEAK_FILE. All threads share
// one address space, so this counts the main thread and every worker thread (where the CLI reads
// PDFs and computes). On Linux it is VmHWM from /proc/self/status: getrusage's ru_maxrss is not
// used there because it keeps the high-water mark of the process that forked the CLI (the test
// runner, hundreds of MB) across exec. A process killed before its exit handlers run writes
// nothing, and the test says so.
import { readFileSync, writeFileSync } from 'node:fs'

function peakKb() {
  try {
    const hwm = /^VmHWM:\s*(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1])
  } catch {
    // No /proc (macOS, Windows): getrusage, which may include the parent's mark (see above).
  }
  return process.resourceUsage().maxRSS
}

const file = process.env.KMPOOL_PEAK_FILE
if (file) process.on('exit', () => writeFileSync(file, String(peakKb())))
