import ACLogRender
import ArgumentParser

extension RecordFormat: ExpressibleByArgument {}
