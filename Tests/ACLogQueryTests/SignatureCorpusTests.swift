import ACLogModel
@testable import ACLogParsing
@testable import ACLogQuery
import Foundation
import Testing

/// Error signatures of stack traces (issue 19), on the log corpus's tracebacks as the collector parses them.
@Suite struct SignatureCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ACLogParsingTests/Fixtures")

    static func records(_ file: String, image: String) throws -> [LogRecord] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let builder = RecordBuilder(container: ContainerInfo(id: "c", name: "c", image: image))
        var assembler = MultilineAssembler()
        var records: [LogRecord] = []
        for (i, line) in lines.enumerated() {
            let time = Int64(i) * 1_000_000
            records += assembler.add(builder.line(time: time, stream: .stdout, text: line), tag: StreamPosition(time: time, countAtTime: 1)).map(\.record)
        }
        return records + assembler.close().map(\.record)
    }

    /// The traceback records of a file, with their signatures.
    static func tracebacks(_ file: String, image: String = "agentchat-backend") throws -> [(message: String, signature: String)] {
        try records(file, image: image).filter { $0.message.contains("Traceback (most recent call last):") }
            .map { ($0.message, ErrorSignature.of($0.message)) }
    }

    /// A traceback is named by its last exception and the innermost frame of the application's
    /// own code, never by its first line.
    @Test func aTracebackIsNamedByItsExceptionAndTheApplicationsFrame() throws {
        let signatures = try Self.tracebacks("generated/agentchat_backend_uvicorn.log").map(\.signature)
        #expect(signatures == [
            // Chained three times (JSONDecodeError, then ValueError, then this): the last one counts.
            "agentchat.api.v1.agent.FakeRedisError: Error <n> connecting to localhost:<n>. Connection refused. (at /app/agentchat/api/v1/agent.py in get_agent)",
            // loguru's diagnose form, with its variable annotations under each frame.
            "KeyError: <str> (at /app/agentchat/api/v1/agent.py in diagnose_example)",
            "RuntimeError: Connection error. (at /app/agentchat/main.py in gen)",
        ])
        // The uvicorn startup failure: library frames are passed over for the application's.
        #expect(try Self.tracebacks("generated/agentchat_backend_uvicorn_startup_failure.log").map(\.signature)
                == ["redis_stub.ConnectionError: Error <n> connecting to localhost:<n>. Connection refused. (at /app/redis_stub.py in ping)"])
        // Only library frames: the exception alone.
        let flask = try Self.tracebacks("python_traceback.log", image: "python")[0]
        #expect(flask.signature == "redis.exceptions.ConnectionError: Error <n> connecting to localhost:<n>. Connection refused.")
        let everyFile = ["generated/agentchat_backend_uvicorn.log", "generated/agentchat_backend_gunicorn_w4.log", "generated/uvicorn_use_colors.log",
                         "generated/agentchat_backend_uvicorn_startup_failure.log", "loguru.log", "python_traceback.log"]
        for file in everyFile {
            for traceback in try Self.tracebacks(file, image: "python") {
                #expect(!traceback.signature.contains("Traceback (most recent call last)"), "\(file): \(traceback.message.prefix(300))")
            }
        }
    }

    /// The same exception raised by different requests, at other times and by other processes, is
    /// one signature; different exceptions of one service are different ones.
    @Test func theSameExceptionIsOneSignatureAndDifferentOnesAreNot() throws {
        let redisErrors = try ["generated/agentchat_backend_uvicorn.log", "generated/agentchat_backend_gunicorn_w4.log", "generated/uvicorn_use_colors.log"]
            .flatMap { try Self.tracebacks($0) }.filter { $0.message.contains("FakeRedisError") }
        #expect(redisErrors.count >= 3)
        #expect(Set(redisErrors.map(\.signature)).count == 1, "\(Set(redisErrors.map(\.signature)))")
        // loguru's three ZeroDivisionErrors come through different callers to the same frame.
        let loguru = try Self.tracebacks("loguru.log", image: "python")
        let divisions = loguru.filter { $0.message.contains("chaining_first.py") }
        #expect(divisions.count == 3)
        #expect(Set(divisions.map(\.signature)) == ["ZeroDivisionError: division by zero (at tests/exceptions/source/backtrace/chaining_first.py in c)"])
        let backend = try Self.tracebacks("generated/agentchat_backend_uvicorn.log")
        #expect(Set(backend.map(\.signature)).count == backend.count)
    }

    /// A log that cuts its last traceback short is named by the last one that says its exception
    /// (in the corpus, a chained redis error whose second traceback was cut).
    @Test func aTracebackCutShortFallsBackToTheOneBefore() throws {
        let cut = try Self.tracebacks("python_traceback.log", image: "python")[1]
        #expect(cut.message.contains("During handling of the above exception"))
        #expect(cut.signature == "ConnectionRefusedError: [Errno <n>] Connection refused")
    }

    @Test func javaIsNamedByItsRootCauseAndItsFirstOwnFrame() {
        let trace = """
            2026-12-04 10:00:00.123 ERROR 1 --- [nio-8080-exec-1] o.a.c.c.C.[dispatcherServlet] : Servlet.service() threw exception
            org.springframework.web.util.NestedServletException: Request processing failed; nested exception is java.lang.IllegalStateException: cart 42 is closed
            \tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)
            \tat com.shop.web.CartController.add(CartController.java:57)
            Caused by: java.lang.IllegalStateException: cart 42 is closed
            \tat com.shop.cart.Cart.ensureOpen(Cart.java:88)
            \tat com.shop.cart.Cart.add(Cart.java:31)
            \t... 48 more
            """
        #expect(ErrorSignature.of(trace) == "java.lang.IllegalStateException: cart <n> is closed (at com.shop.cart.Cart.ensureOpen)")
        // Another cart, another line number after an edit: the same error.
        let later = trace.replacingOccurrences(of: "42", with: "7").replacingOccurrences(of: "Cart.java:88", with: "Cart.java:90")
        #expect(ErrorSignature.of(later) == ErrorSignature.of(trace))
        let thread = """
            Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()"
            \tat java.base/java.lang.String.valueOf(String.java:4465)
            \tat com.shop.Main.main(Main.java:5)
            """
        #expect(ErrorSignature.of(thread) == "java.lang.NullPointerException: Cannot invoke <str> (at com.shop.Main.main)")
    }

    @Test func nodeIsNamedByItsErrorAndItsFirstFrameOutsideNodeModules() {
        let trace = """
            TypeError: Cannot read properties of undefined (reading 'id')
                at getUser (/app/src/users.js:14:22)
                at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)
                at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
            """
        #expect(ErrorSignature.of(trace) == "TypeError: Cannot read properties of undefined (reading <str>) (at getUser (/app/src/users.js))")
        let library = """
            Error: connect ECONNREFUSED 10.0.0.5:5432
                at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
            """
        #expect(ErrorSignature.of(library) == "Error: connect ECONNREFUSED <ip>")
        #expect(ErrorSignature.of(library) != ErrorSignature.of(trace))
    }

    /// A message of several lines without a stack trace keeps its first line's signature.
    @Test func otherMessagesOfSeveralLinesAreNamedByTheirFirstLine() {
        #expect(ErrorSignature.of("could not connect: timeout 30s\n  retrying at 10:00") == "could not connect: timeout <n>s")
        #expect(ErrorSignature.of("ValueError: bad\n  File x") == "ValueError: bad")
    }
}
