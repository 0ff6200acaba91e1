/**
 * A PDF figure that cannot be used as asked (a page that does not exist, a crop outside the page,
 * a render too large), with a one-line message that says what to change.
 */
export class PdfError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PdfError'
  }
}
