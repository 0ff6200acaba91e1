// Loaded with `node --import` into a process the bench starts (cli.ts: timedProcess): when the
// process exits, writes its CPU time (getrusage of the process: every thread, the OCR worker's
// too) to the file KMPOOL_BENCH_CPU names.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  writeFileSync(process.env.KMPOOL_BENCH_CPU, JSON.stringify(process.cpuUsage()))
})
