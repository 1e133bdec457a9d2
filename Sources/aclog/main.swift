import ArgumentParser

FreedMemory.handBack()
// Parsed here, on the main thread: a command whose run is synchronous (grep, sql, ...) then runs
// without starting the concurrency runtime's threads.
await AclogCommand.runAsRoot()
