import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One POST over HTTP/1.1 (in TLS for https, checked against the system's certificate
/// authorities) on a new connection: the alerts' notifications and the OTLP export send with it.
public enum HTTPExchange {
    /// What the server answered: its status, headers (names in lower case) and body.
    public struct Answer: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public func header(_ name: String) -> String? {
            headers.first { $0.name == name }?.value
        }
    }

    /// Posts `body` with `headers` (Host, Content-Length and Connection are added); throws a
    /// failure that names no URL. An answer's body is read up to `maxBody` bytes.
    public static func post(_ body: ByteBuffer, headers: [(String, String)], to target: HTTPTarget,
                            group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: Duration,
                            maxBody: Int = 1 << 20) async throws(HTTPFailure) -> Answer {
        do {
            return try await withTimeout(timeout) {
                try await exchange(body, headers: headers, target: target, group: group, maxBody: maxBody)
            }
        } catch let failure as HTTPFailure {
            throw failure
        } catch let error as IOError {
            throw HTTPFailure(reason: "cannot reach \(target.hostHeader): \(error.description)")
        } catch let error as NIOSSLError {
            // BoringSSL's reason, without the source path it names.
            let reason = "\(error)".split(separator: " at /", maxSplits: 1).first.map(String.init) ?? "\(error)"
            throw HTTPFailure(reason: "no TLS connection with \(target.hostHeader): \(reason)")
        } catch {
            throw HTTPFailure(reason: "cannot reach \(target.hostHeader): \(error)")
        }
    }

    private static func exchange(_ body: ByteBuffer, headers extra: [(String, String)], target: HTTPTarget,
                                 group: any EventLoopGroup, maxBody: Int) async throws -> Answer {
        let tls = try target.secure ? NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(5))
            .connect(host: target.host, port: target.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        // The name is checked against the certificate, and sent as SNI unless it is an address.
                        let isAddress = target.host.contains(":") || target.host.allSatisfy { $0.isNumber || $0 == "." }
                        let name = isAddress ? nil : target.host
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var headers = HTTPHeaders()
            headers.add(name: "Host", value: target.hostHeader)
            headers.add(name: "User-Agent", value: "aclog")
            for (name, value) in extra { headers.add(name: name, value: value) }
            headers.add(name: "Content-Length", value: String(body.readableBytes))
            headers.add(name: "Connection", value: "close")
            // A server may answer and close as soon as it has read the body, before the request's
            // end is written: its answer still counts (else what it took is sent again).
            var writing: (any Error)?
            do {
                try await outbound.write(contentsOf: [
                    .head(HTTPRequestHead(version: .http1_1, method: .POST, uri: target.path, headers: headers)),
                    .body(.byteBuffer(body)), .end(nil),
                ])
            } catch {
                writing = error
            }
            var answer: Answer?
            do {
                for try await part in inbound {
                    switch part {
                    case .head(let head):
                        answer = Answer(status: Int(head.status.code), headers: head.headers.map { ($0.name.lowercased(), $0.value) }, body: [])
                    case .body(let buffer):
                        if let current = answer?.body.count, current < maxBody {
                            answer?.body += buffer.readableBytesView.prefix(maxBody - current)
                        }
                    case .end:
                        break
                    }
                    if case .end = part { break }
                }
            } catch where answer != nil {
                // The answer came; what failed after it does not matter.
            }
            guard let answer else {
                if let writing { throw writing }
                throw HTTPFailure(reason: "\(target.hostHeader) closed the connection without an answer")
            }
            return answer
        }
    }
}

/// Why a POST got no answer, in one line without the URL.
public struct HTTPFailure: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }

    public init(reason: String) {
        self.reason = reason
    }
}

/// `body`'s result, or a failure once `timeout` has passed (the body is then cancelled).
public func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw HTTPFailure(reason: "no answer within \(timeout.components.seconds) s")
        }
        return value
    }
}
