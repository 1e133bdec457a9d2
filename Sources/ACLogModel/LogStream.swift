/// Which of the container's output streams a line came from. Stored as its raw value.
public enum LogStream: Int, Sendable, CaseIterable, Codable {
    case stdout = 1
    case stderr = 2

    public var name: String { self == .stdout ? "stdout" : "stderr" }
}
