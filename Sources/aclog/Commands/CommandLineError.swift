import ACLogDocker
import ACLogSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A mistake or problem to report in one line, with the exit code it deserves.
struct CommandLineError: Error, CustomStringConvertible {
    var message: String
    /// 2 for usage and input errors; 1 for "nothing found" and for failures of the database or
    /// the Docker engine.
    var code: Int32 = 2

    init(_ message: String, code: Int32 = 2) {
        self.message = message
        self.code = code
    }

    var description: String { message }

    init(_ error: any Error) {
        self.message = "\(error)"
        self.code = Self.code(for: error)
    }

    /// 2 where the user named something wrong (a value, a file that is not aclog's database, a
    /// service); 1 where what aclog runs on failed (the database could not be read or written, the
    /// engine did not answer).
    static func code(for error: any Error) -> Int32 {
        switch error {
        case let error as StoreError:
            switch error {
            case .missing, .isDirectory, .notADatabase, .foreignDatabase, .newerSchema, .writerRunning: 2
            case .cannotOpen, .olderSchema, .readOnly, .sqlite: 1
            }
        case let error as DockerError:
            if case .notFound = error { 2 } else { 1 }
        default:
            2
        }
    }

    static func exit(_ message: String, code: Int32 = 2) -> Never {
        Terminal.warn(message)
        Glibc.exit(code)
    }
}
