import NIOCore
import NIOHTTP1

/// One client connection: reads requests one after another (keep-alive), answers each, and for a
/// live stream keeps writing events until the client goes.
struct HTTPConnection: Sendable {
    let app: WebApp
    let channel: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// Requests carry no body here: one larger than this is refused.
    static let largestBody = 16 * 1024

    func serve() async {
        let client = channel.channel.remoteAddress?.ipAddress ?? ""
        do {
            try await channel.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var bodyBytes = 0
                for try await part in inbound {
                    switch part {
                    case .head(let h):
                        head = h
                        bodyBytes = 0
                    case .body(let buffer):
                        bodyBytes += buffer.readableBytes
                    case .end:
                        guard let request = head else { continue }
                        head = nil
                        var headers: [String: String] = [:]
                        for (name, value) in request.headers { headers[name.lowercased()] = value }
                        let webRequest = WebRequest(method: request.method.rawValue, target: request.uri, headers: headers, client: client)
                        let response = bodyBytes > Self.largestBody ? .text("request body too large", status: 413) : await app.respond(webRequest)
                        let keepAlive = try await write(response, keepAlive: request.isKeepAlive, head: request, to: outbound)
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            // The client went away or sent what is not HTTP: nothing to answer.
        }
    }

    /// Writes a response; returns whether the connection stays open for another request.
    private func write(_ response: WebResponse, keepAlive: Bool, head request: HTTPRequestHead,
                       to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws -> Bool {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        for (name, value) in WebResponse.securityHeaders(inlineStyles: response.allowsInlineStyles) + response.headers {
            headers.add(name: name, value: value)
        }
        let status = HTTPResponseStatus(statusCode: response.status, reasonPhrase: WebResponse.reason(response.status))
        guard let stream = response.stream else {
            headers.add(name: "Content-Length", value: String(response.body.count))
            headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
            if request.method != .HEAD {
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
            }
            try await outbound.write(.end(nil))
            return keepAlive
        }
        headers.add(name: "Connection", value: "close")
        app.openStreams.add(1, ordering: .relaxed)
        defer { app.openStreams.subtract(1, ordering: .relaxed) }
        try await outbound.write(.head(HTTPResponseHead(version: request.version, status: status, headers: headers)))
        await stream.run { message in
            do {
                try await outbound.write(.body(.byteBuffer(message.bytes)))
                return true
            } catch {
                return false
            }
        }
        try? await outbound.write(.end(nil))
        return false
    }
}
