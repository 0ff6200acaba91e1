import { runCli } from './dispatch'

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stderrIsTTY: process.stderr.isTTY === true,
  })
} catch (e) {
  // Not a mistake of the user's (those are one line and exit 1 or 2, dispatch.ts): a bug.
  process.stderr.write(
    `kmpool: internal error (a bug in kmpool; please report it with what follows)\n${e instanceof Error ? e.stack : String(e)}\n`,
  )
  process.exitCode = 3
}
