/** An error as a reader should see it: Electron's IPC prefix means nothing to a reviewer. */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^Error invoking remote method '[^']*': (Error: )?/, '')
}
