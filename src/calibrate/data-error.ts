/**
 * A problem in a data file, placed at file:line:column: what `cxsim calibrate` prints before
 * exiting with code 2. Pure.
 */
export interface DataProblem {
  file: string;
  /** 1-based; 0 for the file as a whole. */
  line: number;
  /** 1-based; 0 when the whole line (or file) is meant. */
  column: number;
  message: string;
}

export const formatDataProblem = (p: DataProblem): string =>
  p.line > 0 ? `${p.file}:${p.line}:${Math.max(1, p.column)}  ${p.message}` : `${p.file}  ${p.message}`;

export class DataError extends Error {
  readonly problems: DataProblem[];
  constructor(problems: DataProblem[]) {
    super(problems.map(formatDataProblem).join('\n'));
    this.name = 'DataError';
    this.problems = problems;
  }
}
