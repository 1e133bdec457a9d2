import ACLogModel
@testable import ACLogParsing
import Testing

@Suite struct LevelDetectorTests {
    @Test(arguments: [
        // JSON loggers
        (#"{"level":"error","msg":"boom"}"#, Level.error),
        (#"{"ts":1,"severity":"WARNING","message":"x"}"#, .warn),
        (#"{"lvl":"dbug"}"#, .unknown),
        (#"{"levelname": "CRITICAL", "message": "x"}"#, .fatal),
        (#"{"level":50,"time":1,"msg":"pino"}"#, .error),
        (#"{"level":30,"msg":"pino info"}"#, .info),
        // logfmt
        ("time=2026-11-26T10:00:00Z level=warn msg=slow", .warn),
        (#"ts=1 lvl="error" msg=x"#, .error),
        // brackets, colons, bars
        ("2026-11-26 10:00:00 [ERROR] db down", .error),
        ("2019-02-13T09:46:57.412347Z 0 [Warning] [MY-011070] [Server] 'Disabling symbolic links' is deprecated", .warn),
        ("2019-02-13T09:46:57.412347Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld starting", .info),
        ("2019-02-13T09:46:57.412347Z 0 [Note] [Entrypoint]: Entrypoint script started", .info),
        ("2026/11/26 10:00:00 [error] 29#29: *1 connect() failed", .error),
        ("ERROR:root:something failed", .error),
        ("INFO:     127.0.0.1:52420 - \"GET /health HTTP/1.1\" 200 OK", .info),
        ("WARNING:  Invalid HTTP request received.", .warn),
        ("2026-11-26 10:00:00.123 | ERROR    | agentchat.main:startup:42 - boom", .error),
        ("2026-11-26 10:00:00.123 | SUCCESS  | agentchat.main:startup:42 - ok", .info),
        ("2026-11-26 10:00:00.123  WARN 1 --- [main] o.s.Foo : x", .warn),
        ("E1126 10:00:00.000000       1 main.go:12] failed", .error),
        ("W1126 10:00:00.000000       1 main.go:12] careful", .warn),
        ("FATAL: could not open file", .fatal),
        // not levels
        ("connection error while reading", .unknown),
        ("user INFORMATION_SCHEMA lookup", .unknown),
        ("ERR_CONNECTION_REFUSED in browser", .unknown),
        ("", .unknown),
        ("1:C 26 Nov 2026 10:00:00.000 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo", .unknown),
        (String(repeating: "x", count: 130) + " ERROR late in the line", .unknown),
    ])
    func detects(line: String, level: Level) {
        #expect(LevelDetector.detect(line) == level, "\(line)")
    }

    @Test func everyLevelWordNormalises() {
        let table: [(String, Level)] = [
            ("TRACE", .trace), ("DEBUG", .debug), ("INFO", .info), ("NOTICE", .info), ("WARN", .warn), ("WARNING", .warn),
            ("ERROR", .error), ("ERR", .error), ("CRITICAL", .fatal), ("CRIT", .fatal), ("FATAL", .fatal), ("PANIC", .fatal),
            ("SEVERE", .error), ("EMERG", .fatal), ("ALERT", .fatal),
        ]
        for (word, level) in table {
            #expect(LevelDetector.detect("\(word): x") == level, "\(word)")
            #expect(Level(word: word) == level)
        }
    }
}

@Suite struct LineCleanerTests {
    @Test func leavesPlainLinesAlone() {
        #expect(LineCleaner.clean("plain line") == nil)
    }

    @Test func stripsANSIColours() {
        #expect(LineCleaner.clean("\u{1B}[31mRED ERROR\u{1B}[0m plain \u{1B}[1;32mBOLD GREEN\u{1B}[0m") == "RED ERROR plain BOLD GREEN")
        #expect(LineCleaner.clean("\u{1B}]0;title\u{07}after") == "after")
        #expect(LineCleaner.clean("\u{1B}[2K\u{1B}[1Gvite ready") == "vite ready")
    }

    @Test func dropsTrailingCarriageReturnsAndSpacesOutInnerOnes() {
        #expect(LineCleaner.clean("tab\there\r") == "tab\there")
        #expect(LineCleaner.clean("cr-only\rover") == "cr-only over")
        #expect(LineCleaner.clean("\r") == "")
        #expect(LineCleaner.clean("\u{1B}[33myellow\u{1B}[0m\r") == "yellow")
    }

    @Test func aLoneEscapeAtTheEndDoesNotCrash() {
        #expect(LineCleaner.clean("x\u{1B}") == "x")
        #expect(LineCleaner.clean("x\u{1B}[") == "x")
        #expect(LineCleaner.clean("x\u{1B}[12;") == "x")
    }
}

@Suite struct RecordBuilderTests {
    @Test func keepsTheRawLineOnlyWhenCleaningChangedIt() {
        let builder = RecordBuilder(formats: [GenericFormat()])
        let plain = builder.record(time: 1, stream: .stdout, text: "INFO: ok")
        #expect(plain.raw == nil)
        #expect(plain.message == "INFO: ok")
        #expect(plain.level == .info)
        let coloured = builder.record(time: 2, stream: .stderr, text: "\u{1B}[31mERROR\u{1B}[0m: bad\r")
        #expect(coloured.message == "ERROR: bad")
        #expect(coloured.raw == "\u{1B}[31mERROR\u{1B}[0m: bad\r")
        #expect(coloured.level == .error)
        #expect(coloured.stream == .stderr)
    }

    @Test func anUnrecognisedLineIsKeptWithLevelUnknown() {
        let record = RecordBuilder(formats: []).record(time: 3, stream: .stdout, text: "\u{0}\u{FFFD}garbage")
        #expect(record.level == .unknown)
        #expect(record.message == "\u{0}\u{FFFD}garbage")
    }
}
