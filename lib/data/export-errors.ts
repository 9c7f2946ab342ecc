// A download that cannot be made whole from the request: 400 (a filter to correct), 404 (no such
// data) or 409 (the data exists but is not whole enough for the document: a draft dispatch on a
// day whose figures sum only some wards). Thrown by the data layer before the first byte is sent, so a refused request never turns
// into an empty or partial file; route handlers answer it as JSON with its Vietnamese message.
export class ExportRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = "ExportRequestError";
  }
}
