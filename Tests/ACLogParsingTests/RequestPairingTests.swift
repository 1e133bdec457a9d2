import ACLogModel
@testable import ACLogParsing
import Testing

/// A request logged by uvicorn's access log and by the application's loguru middleware counts once.
@Suite struct RequestPairingTests {
    let builder = RecordBuilder(container: ContainerInfo(id: String(repeating: "a", count: 64), name: "backend-1", image: "agentchat-backend",
                                                         composeService: "backend", state: "running"))

    func records(_ lines: [(Int64, String)]) -> [LogRecord] {
        var pairing = RequestPairing()
        return lines.map { time, text in
            var record = builder.record(time: time * 1_000_000, stream: .stdout, text: text)
            pairing.count(&record)
            return record
        }
    }

    @Test func theTwoLinesOfOneRequestCountOnceInEitherOrder() {
        let counted = records([
            (0, "2026-11-27 01:34:03.438 | INFO     | agentchat.middleware.trace_id_middleware:dispatch:29 - GET /api/v1/agent 500 time_cost=40.201ms"),
            (5, #"INFO:     127.0.0.1:58836 - "GET /api/v1/agent?agent_id=abc HTTP/1.1" 500 Internal Server Error"#),
            (20, #"INFO:     127.0.0.1:58837 - "GET /health HTTP/1.1" 200 OK"#),
            (22, "2026-11-27 01:34:03.460 | INFO     | agentchat.middleware.trace_id_middleware:dispatch:29 - GET /health 200 time_cost=2.0ms"),
        ])
        #expect(counted.map { $0.request != nil } == [true, true, true, true], "each line is read as a request")
        #expect(counted.map(\.httpStatus) == [500, nil, 200, nil])
    }

    @Test func equalRequestsOfOneServerAndDifferentOnesAreEach() {
        let counted = records([
            (0, #"INFO:     127.0.0.1:1 - "GET /health HTTP/1.1" 200 OK"#),
            (1, #"INFO:     127.0.0.1:2 - "GET /health HTTP/1.1" 200 OK"#),
            (2, "2026-11-27 01:34:03.438 | INFO     | app:dispatch:29 - GET /health 503 time_cost=1ms"),
            // The same request two seconds later is another one.
            (3_000, "2026-11-27 01:34:06.438 | INFO     | app:dispatch:29 - GET /health 200 time_cost=1ms"),
        ])
        #expect(counted.map(\.httpStatus) == [200, 200, 503, 200])
    }
}
