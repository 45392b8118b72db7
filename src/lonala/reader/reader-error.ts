/**
 * Inside the reader a problem is a `Failure` holding a source offset; the
 * public entry points turn it into a `SourceError` (../source-error.ts)
 * with line and column.
 */

/** A reader problem at a source offset; internal to the reader. */
export class Failure {
  constructor(
    readonly kind: string,
    readonly message: string,
    readonly offset: number,
  ) {}
}
