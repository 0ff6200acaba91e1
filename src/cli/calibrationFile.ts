import { TraceError, axisMap, parseCalibration } from '../shared/trace'
import type { Calibration } from '../shared/trace'
import { CliError } from './cliError'
import { readText } from './io'

/**
 * A calibration file given on the command line (`--calibration`, as `kmpool axes --out` writes
 * it), read and checked: a file that is not JSON, or a calibration that cannot map pixels to data,
 * is refused with its path and the reason.
 */
export function readCalibration(path: string): Calibration {
  let json: unknown
  try {
    json = JSON.parse(readText(path))
  } catch (e) {
    if (e instanceof CliError) throw e
    throw new CliError(`${path}: not valid JSON (${(e as Error).message})`)
  }
  try {
    const calibration = parseCalibration(json)
    axisMap(calibration)
    return calibration
  } catch (e) {
    if (e instanceof TraceError) throw new CliError(`${path}: ${e.message}`)
    throw e
  }
}
