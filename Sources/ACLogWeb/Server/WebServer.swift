import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP/1.1 server of the web view: accepts connections on an event loop, hands each request
/// to the app, whose blocking database work runs on a thread pool of its own (never on the event
/// loop nor on the collector's tasks).
///
/// Each accepted connection gets its task as it is accepted, rather than waiting in an
/// accepting loop's queue: NIO stops the process when a connection still queued there at
/// shutdown is dropped ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#2813).
public final class WebServer: Sendable {
    public let app: WebApp
    let group: MultiThreadedEventLoopGroup
    let listener: any Channel
    let connections: OpenConnections
    /// The address bound (the port chosen when 0 was asked).
    public let address: ListenAddress

    /// Binds `address` and starts accepting; `run()` waits for the end, `shutdown()` brings it.
    public init(app: WebApp, address: ListenAddress) async throws {
        self.app = app
        let connections = OpenConnections()
        self.connections = connections
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { child in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        let channel = try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: child)
                        connections.serve { await HTTPConnection(app: app, channel: channel).serve() }
                    }
                }
                .bind(host: address.host, port: address.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw WebServerError("cannot listen on \(address): \(error)")
        }
        let port = listener.localAddress?.port ?? address.port
        self.address = ListenAddress(host: address.host, port: port)
    }

    /// The URL to print.
    public var url: String {
        let host = address.host == "0.0.0.0" || address.host == "::" ? "127.0.0.1" : address.host
        return "http://\(ListenAddress(host: host, port: address.port))/"
    }

    /// Serves until `shutdown()`, then closes every connection and stops its threads. The event
    /// loop stops only once every connection has closed on it: a close asked of a stopped loop
    /// never completes, and the server hung on its way out.
    public func run() async throws {
        try? await listener.closeFuture.get()
        // Live streams write their last bytes first; then the other connections are ended.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(2)
        while app.openStreams.load(ordering: .relaxed) > 0, clock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        await connections.closeAll()
        try? await group.shutdownGracefully()
        await app.shutdown()
    }

    /// Stops listening and ends the live streams; `run()` returns once every connection is closed.
    public func shutdown() async {
        try? await listener.close()
        app.endStreams()
    }
}

public struct WebServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
