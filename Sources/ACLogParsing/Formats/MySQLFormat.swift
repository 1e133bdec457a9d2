import ACLogModel

/// MySQL's error log: 8.x `2026-11-25T02:00:00.123456Z 0 [Warning] [MY-011070] [Server] message`,
/// 5.7 `2026-11-25T02:00:00.123456Z 0 [Note] message`, and the docker entrypoint's
/// `2026-11-25 10:00:00+08:00 [Note] [Entrypoint]: message`.
public struct MySQLFormat: LogFormat {
    public let name = "mysql"
    public var firstBytes: FirstBytes { FirstBytes.digits.union(FirstBytes("ImWEV")) }
    public init() {}

    public func parse(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        guard line.count > 22, line.digits(0, 4), line.is(4, "-"), line.is(7, "-") else { return standalone(line) }
        var fields = Fields()
        if line.is(10, "T") {
            // Server log: time, thread, [prio], optional [MY-code] [Subsystem].
            guard let space = line.index(of: " ", from: 19), let thread = line.number(at: space + 1),
                  line.is(thread.end, " "), line.is(thread.end + 1, "["), let close = line.index(of: "]", from: thread.end + 2),
                  var level = LevelWords.mysql[line.string((thread.end + 2)..<close)]
            else { return nil }
            fields.set("thread", thread.value)
            var i = close + 2
            if line.hasPrefix("[MY-", at: i), let end = line.index(of: "]", from: i) {
                let code = line.string((i + 1)..<end)
                fields.set("mysql.code", code)
                if code == "MY-010119" { level = .fatal }  // Aborting
                i = end + 2
                if line.is(i, "["), let sub = line.index(of: "]", from: i) {
                    fields.set("mysql.subsystem", line.string((i + 1)..<sub))
                }
            }
            fields.set("logger", "mysqld")
            return ParsedLine(level: level, fields: fields)
        }
        // Entrypoint: 2026-11-25 10:00:00+08:00 [Note] [Entrypoint]: message
        guard line.is(10, " "), let open = line.index(of: " [", from: 19), let close = line.index(of: "]", from: open + 2),
              let level = LevelWords.mysql[line.string((open + 2)..<close)]
        else { return nil }
        fields.set("logger", "entrypoint")
        return ParsedLine(level: level, fields: fields)
    }

    /// Lines without a header that are records of their own (NOTES §3.6), and the 5.5/5.6 log:
    /// `161209 14:18:50 [Note] message` (YYMMDD, hour space-padded), whose untimed
    /// `InnoDB: ...` lines continue the record before.
    func standalone(_ line: LineBytes) -> ParsedLine? {
        let message = line.text
        if line.count > 16, line.digits(0, 6), line.is(6, " "), line.is(9, ":"), line.is(12, ":"), line.digits(13, 2) {
            var fields = Fields()
            fields.set("logger", "mysqld")
            let i = line.skipSpaces(15)
            var level = Level.info
            if line.is(i, "["), let close = line.index(of: "]", from: i), let l = LevelWords.mysql[line.string((i + 1)..<close)] { level = l }
            return ParsedLine(level: level, fields: fields)
        }
        if message.hasPrefix("InnoDB: ") { return ParsedLine(level: .info, startsRecord: false) }
        if message.hasPrefix("mysqld: [Warning]") || message.hasPrefix("Warning: ") || message.hasPrefix("mbind:") {
            return ParsedLine(level: .warn)
        }
        if message.hasPrefix("mysqld: ") || message.hasPrefix("ERROR") { return ParsedLine(level: .error) }
        if message.hasPrefix("Version: '") { return ParsedLine(level: .info, startsRecord: false) }
        return nil
    }
}
