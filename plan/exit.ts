// Leaving the plan CLI without losing output. On a pipe, Node writes what the pipe holds (64 KiB on
// Linux) and keeps the rest in memory until the reader catches up; `process.exit()` right after a
// write drops that rest and still exits 0. So every exit waits for stdout and stderr to drain first.

/** Resolves once everything written to `stream` so far has been handed to the OS (or the stream failed). */
export function flushed(stream: NodeJS.WritableStream): Promise<void> {
    // Writes complete in order: the callback of an empty write runs after every earlier write's.
    return new Promise((resolve) => {
        try {
            stream.write("", () => resolve());
        } catch {
            resolve();
        }
    });
}

/** Exits with `code` once stdout and stderr are flushed. */
export async function exitFlushed(code: number): Promise<never> {
    process.exitCode = code;
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
}

/** A reader that leaves early (`| head`) closes the pipe: one line and exit 1, not Node's stack trace. */
export function failOnClosedStdout(): void {
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
        process.stderr.write(`berth plan failed: stdout was closed before everything was written to it (${e.code ?? e.message})\n`);
        process.exit(1);
    });
}
