/** Streams a command writes to; tests pass their own. */
export interface CliIO {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

export const processIO: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
