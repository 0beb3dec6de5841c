// Whether a process still runs, for the pid files and lock files that guard a data directory (the app's lock,
// the embedded database's process, the bundled Meilisearch). Here in db/, which imports nothing of ours, so
// that every layer (and the tests) can use the one check.

/** Signal 0 tests for the process without touching it; EPERM means it runs under another user. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
