/** A problem with an export file as a whole: it names the file (and line), and nothing of it is stored. */
export class ExportFileError extends Error {
  constructor(readonly file: string, message: string, readonly line?: number) {
    super(`${file}${line ? `:${line}` : ""}: ${message}`);
  }
}
