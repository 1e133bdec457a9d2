#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Reads the output pipes of the streaming `docker` children, all on one thread.
///
/// A pipe is read only while its reader waits for more (`PipeReader`), so a slow reader holds its
/// `docker logs` back instead of growing memory. A pipe whose last read brought less than
/// `smallRead` bytes (a trickle: a line or a few) is not watched again until the next tick, when it
/// is read with every other trickle: twenty containers printing a line now and then cost one
/// wake-up per tick, not one per line each. A pipe that filled its read is read again as soon as
/// its reader asks, so history streams at full speed.
final class PipePoller: Sendable {
    static let shared = PipePoller()

    static let tickNanoseconds: Int64 = 50_000_000
    static let smallRead = 4_096
    static let readSize = 64 * 1024
    /// The most one pipe gives in one delivery, so that one busy pipe cannot hold the others up.
    static let maxDelivery = 1024 * 1024

    private struct Pipe {
        var waiter: CheckedContinuation<[UInt8]?, Never>?
        /// A trickle: read at the next tick, not watched before.
        var parked = false
        var ended = false
        /// Its owner is done with it: the poller thread closes it (only that thread reads, so a
        /// descriptor is never closed, and its number reused, under a read).
        var closing = false
    }

    private let pipes = Mutex<[Int32: Pipe]>([:])
    /// A pipe to itself that wakes the thread: a reader asks for more, or a pipe is closed.
    private let wake: (read: Int32, write: Int32)

    private init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) != 0 { fatalError("aclog: cannot make a pipe: \(String(cString: strerror(errno)))") }
        for fd in ends { Self.configure(fd, nonBlocking: true) }
        wake = (ends[0], ends[1])
        // The shared poller lives as long as the process; its thread holds it.
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { me in
            Unmanaged<PipePoller>.fromOpaque(me!).takeUnretainedValue().loop()
            return nil
        }, Unmanaged.passRetained(self).toOpaque())
        if started != 0 { fatalError("aclog: cannot start the pipe thread: \(String(cString: strerror(started)))") }
        pthread_detach(thread)
    }

    /// Makes a pipe for a child's output: the read end is watched here, the write end is for the child.
    func makePipe() throws(DockerError) -> (reader: PipeReader, writeEnd: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw .failed(command: "docker", status: "not started", message: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        // Children get only what they are given: Subprocess closes every other descriptor in them.
        Self.configure(ends[0], nonBlocking: true)
        Self.configure(ends[1], nonBlocking: false)
        pipes.withLock { $0[ends[0]] = Pipe() }
        return (PipeReader(fd: ends[0], poller: self), ends[1])
    }

    /// The next bytes of the pipe; nil at its end, or when the task was cancelled.
    func next(_ fd: Int32) async -> [UInt8]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[UInt8]?, Never>) in
                enum Action { case end, wait, wake }
                let action = pipes.withLock { pipes -> Action in
                    guard var pipe = pipes[fd], !pipe.ended, !pipe.closing, !Task.isCancelled else { return .end }
                    pipe.waiter = continuation
                    pipes[fd] = pipe
                    return pipe.parked ? .wait : .wake
                }
                switch action {
                case .end: continuation.resume(returning: nil)
                case .wait: break
                case .wake: signal()
                }
            }
        } onCancel: {
            end(fd, closing: false)
        }
    }

    /// The owner is done with the pipe: any waiting read ends, and the descriptor is closed.
    func close(_ fd: Int32) {
        end(fd, closing: true)
        signal()
    }

    private func end(_ fd: Int32, closing: Bool) {
        let waiter = pipes.withLock { pipes -> CheckedContinuation<[UInt8]?, Never>? in
            guard var pipe = pipes[fd] else { return nil }
            let waiter = pipe.waiter
            pipe.waiter = nil
            pipe.ended = true
            if closing { pipe.closing = true }
            pipes[fd] = pipe
            return waiter
        }
        waiter?.resume(returning: nil)
    }

    private func signal() {
        var one: UInt8 = 1
        _ = write(wake.write, &one, 1)  // a full pipe is a pending wake-up already
    }

    private static func configure(_ fd: Int32, nonBlocking: Bool) {
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        if nonBlocking { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    private func loop() {
        var nextTick = Self.now() + Self.tickNanoseconds
        var buffer = [UInt8](repeating: 0, count: Self.readSize)
        while true {
            var watched = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            let closing = pipes.withLock { pipes -> [Int32] in
                let done = pipes.filter(\.value.closing).map(\.key)
                for fd in done { pipes[fd] = nil }
                for (fd, pipe) in pipes where pipe.waiter != nil && !pipe.parked {
                    watched.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
                }
                return done
            }
            for fd in closing { Glibc.close(fd) }
            let timeout = Int32(max(0, (nextTick - Self.now() + 999_999) / 1_000_000))
            _ = poll(&watched, nfds_t(watched.count), timeout)
            if watched[0].revents != 0 {
                var drained = [UInt8](repeating: 0, count: 256)
                _ = read(wake.read, &drained, drained.count)
            }
            for entry in watched.dropFirst() where entry.revents != 0 {
                serve(entry.fd, &buffer)
            }
            if Self.now() >= nextTick {
                let trickles = pipes.withLock { $0.filter { $0.value.parked && $0.value.waiter != nil }.map(\.key) }
                for fd in trickles { serve(fd, &buffer) }
                nextTick = Self.now() + Self.tickNanoseconds
            }
        }
    }

    /// Reads what the pipe holds and hands it to its waiting reader.
    private func serve(_ fd: Int32, _ buffer: inout [UInt8]) {
        var data: [UInt8] = []
        var ended = false
        while data.count < Self.maxDelivery {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                data.append(contentsOf: buffer[0..<n])
                if n < buffer.count { break }
            } else if n == 0 {
                ended = true
                break
            } else if errno == EINTR {
                continue
            } else {
                ended = errno != EAGAIN && errno != EWOULDBLOCK
                break
            }
        }
        let waiter = pipes.withLock { pipes -> CheckedContinuation<[UInt8]?, Never>? in
            guard var pipe = pipes[fd], !pipe.closing else { return nil }
            if data.isEmpty && !ended {
                pipe.parked = false  // nothing came: watch it again
                pipes[fd] = pipe
                return nil
            }
            let waiter = pipe.waiter
            pipe.waiter = nil
            pipe.ended = ended
            pipe.parked = !ended && data.count < Self.smallRead
            pipes[fd] = pipe
            return waiter
        }
        waiter?.resume(returning: data.isEmpty ? nil : data)
    }

    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// The bytes of one child's output pipe, as `PipePoller` reads them; ends with the pipe.
public struct PipeReader: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let fd: Int32
    let poller: PipePoller

    public struct AsyncIterator: AsyncIteratorProtocol {
        let fd: Int32
        let poller: PipePoller

        public mutating func next() async -> [UInt8]? {
            await poller.next(fd)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fd: fd, poller: poller)
    }
}
