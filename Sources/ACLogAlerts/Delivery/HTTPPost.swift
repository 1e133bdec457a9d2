import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One POST of a JSON body over HTTP/1.1 (in TLS for https, checked against the system's
/// certificate authorities) on a new connection, answered by a status.
enum HTTPPost {
    struct Target: Equatable {
        var secure: Bool
        var host: String
        var port: Int
        /// Path and query.
        var path: String

        init(secure: Bool, host: String, port: Int, path: String) {
            self.secure = secure
            self.host = host
            self.port = port
            self.path = path
        }

        /// `http://host[:port]/path?query` (`[::1]` for an IPv6 address); nil for anything else.
        init?(_ url: String) {
            let rest: Substring
            if url.hasPrefix("http://") { secure = false; rest = url.dropFirst(7) }
            else if url.hasPrefix("https://") { secure = true; rest = url.dropFirst(8) }
            else { return nil }
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            path = String(rest.dropFirst(authority.count))
            if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
            guard !authority.isEmpty, !authority.contains("@") else { return nil }
            var hostPart = authority
            port = secure ? 443 : 80
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else { return nil }
                hostPart = authority[authority.index(after: authority.startIndex)..<close]
                let after = authority[authority.index(after: close)...]
                if after.hasPrefix(":") { guard let p = Int(after.dropFirst()) else { return nil }; port = p }
            } else if let colon = authority.lastIndex(of: ":") {
                guard let p = Int(authority[authority.index(after: colon)...]) else { return nil }
                port = p
                hostPart = authority[..<colon]
            }
            host = String(hostPart)
        }

        var hostHeader: String {
            let name = host.contains(":") ? "[\(host)]" : host
            return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
        }
    }

    /// Posts `body`; returns the answer's status code. Throws a failure that names no URL.
    static func send(_ body: String, to target: Target, group: any EventLoopGroup, timeout: Duration) async throws(DeliveryFailure) -> Int {
        do {
            return try await withTimeout(timeout) {
                try await exchange(body, target: target, group: group)
            }
        } catch let failure as DeliveryFailure {
            throw failure
        } catch let error as IOError {
            throw DeliveryFailure(reason: "cannot reach \(target.hostHeader): \(error.description)")
        } catch let error as NIOSSLError {
            // BoringSSL's reason, without the source path it names.
            let reason = "\(error)".split(separator: " at /", maxSplits: 1).first.map(String.init) ?? "\(error)"
            throw DeliveryFailure(reason: "no TLS connection with \(target.hostHeader): \(reason)")
        } catch {
            throw DeliveryFailure(reason: "cannot reach \(target.hostHeader): \(error)")
        }
    }

    private static func exchange(_ body: String, target: Target, group: any EventLoopGroup) async throws -> Int {
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
            headers.add(name: "Content-Type", value: "application/json")
            headers.add(name: "Content-Length", value: String(body.utf8.count))
            headers.add(name: "Connection", value: "close")
            // A server may answer and close as soon as it has read the body, before the request's
            // end is written: its answer still counts (else a notification it took is sent again).
            var writing: (any Error)?
            do {
                try await outbound.write(contentsOf: [
                    .head(HTTPRequestHead(version: .http1_1, method: .POST, uri: target.path, headers: headers)),
                    .body(.byteBuffer(ByteBuffer(string: body))), .end(nil),
                ])
            } catch {
                writing = error
            }
            var status: Int?
            do {
                for try await part in inbound {
                    if case .head(let head) = part { status = Int(head.status.code) }
                    if case .end = part { break }
                }
            } catch where status != nil {
                // The answer came; what failed after it does not matter.
            }
            guard let status else {
                if let writing { throw writing }
                throw DeliveryFailure(reason: "\(target.hostHeader) closed the connection without an answer")
            }
            return status
        }
    }
}
