/**
 * The `radar` CLI inside the installed app. The shipped binary has Electron's RunAsNode fuse off (so no
 * other program can use it as a Node interpreter through ELECTRON_RUN_AS_NODE), so the CLI cannot run that
 * way; instead the app's wrapper script (`resources/bin/radar`, `radar.cmd`) starts the app binary as
 * `<app> --radar-cli <command> [args]`, and the main process runs the built CLI in place of the window:
 * the same Node, stdin and stdout, no window, exit code passed through.
 */
export const CLI_FLAG = '--radar-cli'

/** The CLI's arguments when the app was started as the CLI; null for the desktop window. */
export function cliArgsFrom(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG)
  return at === -1 ? null : argv.slice(at + 1)
}

/** The argv the CLI entry expects (`node cli.js <command> ...`: it reads from index 2 on). */
export function cliArgv(execPath: string, cliEntry: string, args: readonly string[]): string[] {
  return [execPath, cliEntry, ...args]
}
