import ArgumentParser

await AclogCommand.runAsRoot()
