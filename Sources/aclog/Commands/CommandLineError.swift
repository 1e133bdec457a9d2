#if canImport(Glibc)
import Glibc
#endif

/// A mistake or problem to report in one line, with the exit code it deserves.
struct CommandLineError: Error, CustomStringConvertible {
    var message: String
    /// 2 for usage and input errors, 1 for "nothing found".
    var code: Int32 = 2

    init(_ message: String, code: Int32 = 2) {
        self.message = message
        self.code = code
    }

    var description: String { message }

    init(_ error: any Error) {
        self.message = "\(error)"
    }

    static func exit(_ message: String, code: Int32 = 2) -> Never {
        Terminal.warn(message)
        Glibc.exit(code)
    }
}
