// The one error a data reader throws: the caller turns it into a `data.file` diagnostic naming the
// file and its field (spec §3).

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}
