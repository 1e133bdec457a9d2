import ACLogStore
import ACLogTestSupport
import Dispatch
@testable import ACLogWeb
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `aclog serve` stops on SIGTERM through `shutdown()`: `run()` must then return, whatever its
/// connections were doing. It once hung now and then (2 runs in 40 of the scrape benchmark) when
/// the event loop stopped before a connection had closed on it.
@Suite struct WebServerStopTests {
    let path = temporaryDatabase()

    init() throws {
        _ = try CollectorStore(path: path)
    }

    @Test func stopsRightAfterARequestEndsManyTimesOver() async throws {
        for round in 0..<25 {
            let server = try await serve()
            let finished = running(server)
            _ = try await request("/metrics", port: server.address.port, keepAlive: false)
            await server.shutdown()
            #expect(await returns(finished, within: .seconds(5)), "round \(round): run() did not return after shutdown()")
        }
    }

    @Test func stopsWithAnIdleKeepAliveConnectionOpen() async throws {
        let server = try await serve()
        let finished = running(server)
        let socket = try await request("/assets/app.css", port: server.address.port, keepAlive: true)
        defer { close(socket) }
        await server.shutdown()
        #expect(await returns(finished, within: .seconds(5)), "run() did not return with a keep-alive connection open")
        // The server closed the connection: the client reads its end.
        #expect(await offThePool { var byte: UInt8 = 0; return recv(socket, &byte, 1, 0) } == 0)
    }

    @Test func stopsWithARequestHalfSent() async throws {
        let server = try await serve()
        let finished = running(server)
        let socket = try connected(port: server.address.port)
        defer { close(socket) }
        send(socket, "GET /metrics HTTP/1.1\r\nHost: x\r\n")
        await server.shutdown()
        #expect(await returns(finished, within: .seconds(5)), "run() did not return with a request half sent")
    }

    private func serve() async throws -> WebServer {
        try await WebServer(app: WebApp(databasePath: path), address: ListenAddress(host: "127.0.0.1", port: 0))
    }

    /// Starts `run()`; the flag is set when it returns.
    private func running(_ server: WebServer) -> DoneFlag {
        let finished = DoneFlag()
        Task {
            try? await server.run()
            finished.done.store(true, ordering: .relaxed)
        }
        return finished
    }

    /// Polls rather than awaits: a `run()` that never returns must fail the test, not hang it.
    private func returns(_ finished: DoneFlag, within limit: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if finished.done.load(ordering: .relaxed) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return finished.done.load(ordering: .relaxed)
    }

    private func connected(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { throw StopTestError("cannot connect to port \(port)") }
        // A server that never answers fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return socket
    }

    private func send(_ socket: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
    }

    /// Blocking socket calls run on a thread of their own: on the cooperative pool (two threads
    /// here) they would stop the very server they wait for.
    private func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    private func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    /// Sends one GET and reads its whole answer (up to its Content-Length); returns the socket,
    /// left open when `keepAlive`.
    private func request(_ target: String, port: Int, keepAlive: Bool) async throws -> Int32 {
        try await offThePool { try blockingRequest(target, port: port, keepAlive: keepAlive) }
    }

    private func blockingRequest(_ target: String, port: Int, keepAlive: Bool) throws -> Int32 {
        let socket = try connected(port: port)
        send(socket, "GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n")
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer += buffer[0..<count]
            if keepAlive, complete(answer) { break }
        }
        guard String(decoding: answer.prefix(12), as: UTF8.self) == "HTTP/1.1 200" else {
            throw StopTestError("\(target): \(String(decoding: answer.prefix(80), as: UTF8.self))")
        }
        if !keepAlive { close(socket) }
        return socket
    }

    private func complete(_ answer: [UInt8]) -> Bool {
        let text = String(decoding: answer, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let length = text[..<end.lowerBound].split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int(String($0.dropFirst("content-length:".count).filter { $0 != " " })) } ?? 0
        return text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length
    }
}

struct StopTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Set once `run()` returns; shared by reference between its task and the test.
final class DoneFlag: Sendable {
    let done = Atomic<Bool>(false)
}
