/**
 * Why kmpool will not read or write a file that someone else may have made: one line, naming the
 * file as the user or the review named it, never quoting what the file holds. The CLI prints it as
 * its error; the app shows it in the page.
 */
export class FileRefused extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '))
    this.name = 'FileRefused'
  }
}

/**
 * A path as a message may show it: control characters (a line break hidden in a review's study
 * path, an escape sequence for the terminal) replaced by "?", and at most 200 characters.
 */
export function shownPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = path.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?')
  return clean.length > 200 ? `${clean.slice(0, 100)}…${clean.slice(-99)}` : clean
}

/** Node's error code in words, for "cannot read it (…)". */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT':
      return 'no such file'
    case 'EISDIR':
      return 'is a folder, not a file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ELOOP':
      return 'a loop of symbolic links'
    case 'ENOTDIR':
      return 'a folder on its path is a file'
    default:
      return code ?? 'unknown error'
  }
}
