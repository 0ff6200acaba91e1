/**
 * Keeping a review inside its folder. A review (or a study, for its figure) names other files by
 * paths relative to its own folder; someone else's review could name `../../private/x.kmstudy`,
 * `/etc/passwd` or a symbolic link pointing anywhere. Every such path is resolved here to the real
 * file it reaches, and refused unless that file lies inside the folder and is a regular file, so
 * that nothing outside the folder is ever read, or written back by an edit.
 */
import { realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { FileRefused, ioReason, shownPath } from './fileRefused'

/** Whether `path` lies in `folder` (both absolute and real), or is the folder itself. */
function within(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))
}

/**
 * The real path of the file that `path`, relative to `folder`, names, after checking that it is a
 * regular file inside `folder`: no absolute path, no `..` leading out, no symbolic link (of the
 * file or of a folder on the way) leading out, no folder, device, pipe or socket. `what` names
 * the folder in messages ("the review's folder"). Throws a one-line FileRefused that names the
 * path as given and nothing of what the file holds.
 */
export function confinedFile(folder: string, path: string, what: string): string {
  const shown = shownPath(path)
  if (path === '' || isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.startsWith('\\')) {
    throw new FileRefused(`${shown}: must be a path inside ${what}, not an absolute path`)
  }
  let realFolder: string
  try {
    realFolder = realpathSync(folder)
  } catch (error) {
    throw new FileRefused(`${shownPath(folder)}: cannot open the folder (${ioReason(error)})`)
  }
  const named = resolve(realFolder, path)
  if (!within(realFolder, named) || named === realFolder) {
    throw new FileRefused(`${shown}: leads outside ${what}; kmpool reads only files inside it`)
  }
  let real: string
  try {
    real = realpathSync(named)
  } catch (error) {
    throw new FileRefused(`${shown}: cannot read it (${ioReason(error)})`)
  }
  if (!within(realFolder, real)) {
    throw new FileRefused(
      `${shown}: is a link to a file outside ${what}; kmpool reads only files inside it`,
    )
  }
  let stats
  try {
    stats = statSync(real)
  } catch (error) {
    throw new FileRefused(`${shown}: cannot read it (${ioReason(error)})`)
  }
  if (stats.isDirectory()) throw new FileRefused(`${shown}: is a folder, not a file`)
  if (!stats.isFile()) {
    throw new FileRefused(
      `${shown}: is not a regular file (a device, a pipe or a socket); kmpool reads only files`,
    )
  }
  return real
}
