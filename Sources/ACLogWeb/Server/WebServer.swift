import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP/1.1 server of the web view: accepts connections on an event loop, hands each request
/// to the app, whose blocking database work runs on a thread pool of its own (never on the event
/// loop nor on the collector's tasks).
public final class WebServer: Sendable {
    public let app: WebApp
    let group: MultiThreadedEventLoopGroup
    let channel: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    /// The address bound (the port chosen when 0 was asked).
    public let address: ListenAddress

    /// Binds `address`; `run()` serves.
    public init(app: WebApp, address: ListenAddress) async throws {
        self.app = app
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: address.host, port: address.port) { child in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                    }
                }
        } catch {
            try? await group.shutdownGracefully()
            throw WebServerError("cannot listen on \(address): \(error)")
        }
        let port = channel.channel.localAddress?.port ?? address.port
        self.address = ListenAddress(host: address.host, port: port)
    }

    /// The URL to print.
    public var url: String {
        let host = address.host == "0.0.0.0" || address.host == "::" ? "127.0.0.1" : address.host
        return "http://\(ListenAddress(host: host, port: address.port))/"
    }

    /// Serves until the task is cancelled.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { tasks in
            try await channel.executeThenClose { inbound in
                for try await connection in inbound {
                    tasks.addTask { await HTTPConnection(app: self.app, channel: connection).serve() }
                }
            }
        }
    }

    public func shutdown() async {
        try? await channel.channel.close()
        // Live streams end first, writing their last bytes while the event loop still runs.
        app.endStreams()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(2)
        while app.openStreams.load(ordering: .relaxed) > 0, clock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        try? await group.shutdownGracefully()
        await app.shutdown()
    }
}

public struct WebServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
