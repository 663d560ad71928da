/** A problem that stops a command: printed as one line per problem, never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 2 = could not do the job (the CLI contract); 1 = the job ran and found a problem. */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
