/**
 * Input the tracer cannot work with (a singular calibration, a colour with no pixels, an image
 * of the wrong size), with a one-line message that says what to fix.
 */
export class TraceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TraceError'
  }
}
