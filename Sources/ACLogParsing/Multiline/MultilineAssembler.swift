import ACLogModel

/// Joins the lines of one container stream into records: a traceback, a stack trace, a message that
/// spans lines. A record closes on the next line that starts one, on a line more than the idle gap
/// after the one before, at the size cap (the rest continues as a new record, both marked), or on
/// `close()`.
///
/// Each line comes with a tag (the stream position after it); a record goes out with the tag of its
/// last line, so a checkpoint never covers lines of a record that is not stored yet.
public struct MultilineAssembler: Sendable {
    public struct Options: Sendable {
        /// Lines further apart than this (Docker time) never join.
        public var idleGap: Int64 = 1_000_000_000
        /// A record that shows no sign of continuing (no traceback, no announced block) closes after
        /// this much quiet, so `tail -f` shows ordinary lines promptly. Writers such as loguru emit a
        /// record with its traceback in one write, so its lines arrive together.
        public var quietClose: Int64 = 200_000_000
        public var maxBytes = 1024 * 1024
        public var maxLines = 2_000
        public init() {}
    }

    struct Pending {
        var first: CookedLine
        var messages: [String]
        var raws: [String?]
        var bytes: Int
        var lastTime: Int64
        /// Inside a traceback or an announced block: empty and exception lines continue it too.
        var inBlock: Bool
        /// Some line of it is not blank.
        var hasText: Bool
        var tag: StreamPosition
        var continued: Bool
        /// A traceback is part of it: the record is an error unless its header says otherwise.
        var hasTraceback: Bool
    }

    public let options: Options
    private var pending: Pending?

    public init(options: Options = Options()) {
        self.options = options
    }

    public var hasPending: Bool { pending != nil }

    /// The time of the pending record's first line, if there is one.
    public var pendingSince: Int64? { pending?.first.time }

    /// How long the pending record may wait for more lines (arrival time), if there is one. A
    /// traceback that reached its exception line is whole unless a chained one follows, which
    /// Python writes at once: it waits the short wait of a lone line, not the idle gap (newer
    /// records of other streams wait for it on `tail -f`).
    public var pendingPatience: Int64? {
        guard let p = pending else { return nil }
        let short = min(options.quietClose, options.idleGap)
        if p.hasTraceback, let last = p.messages.last, ContinuationShape.isExceptionLine(last) { return short }
        return p.inBlock || p.messages.count > 1 ? options.idleGap : short
    }

    /// Adds a line; returns the records it closed.
    public mutating func add(_ line: CookedLine, tag: StreamPosition) -> [(record: LogRecord, tag: StreamPosition)] {
        var out: [(LogRecord, StreamPosition)] = []
        if pending.map({ joins(line, $0) }) ?? false {
            // Out of `pending` while it grows, so that its arrays are appended to, not copied.
            var p = pending.take()!
            if p.bytes + line.message.utf8.count > options.maxBytes || p.messages.count >= options.maxLines {
                out.append(emit(p, split: true))
                let header = p.first
                p = Pending(first: line, messages: [], raws: [], bytes: 0, lastTime: line.time, inBlock: true, hasText: false, tag: tag,
                            continued: true, hasTraceback: p.hasTraceback)
                p.first.parsed.level = header.parsed.level
            }
            p.messages.append(line.message)
            p.raws.append(line.raw)
            p.bytes += line.message.utf8.count + 1
            p.lastTime = line.time
            p.tag = tag
            if !line.message.isEmpty { p.hasText = true }
            if !Self.needsBlock(line.message) { p.inBlock = true }
            if Self.startsTraceback(line.message) { p.hasTraceback = true }
            pending = p
            return out
        }
        if let p = pending { out.append(emit(p, split: false)) }
        pending = Pending(
            first: line, messages: [line.message], raws: [line.raw], bytes: line.message.utf8.count, lastTime: line.time,
            inBlock: line.parsed.announcesBlock || Self.startsTraceback(line.message), hasText: !line.message.isEmpty, tag: tag, continued: false,
            hasTraceback: Self.startsTraceback(line.message))
        return out
    }

    /// Closes the pending record: nothing came for the idle gap, the stream ended, or the
    /// collector stops. (Idleness is judged by the caller on arrival time: lines read in a burst
    /// from history are old by Docker time yet still arriving.)
    public mutating func close() -> [(record: LogRecord, tag: StreamPosition)] {
        guard let p = pending else { return [] }
        pending = nil
        return [emit(p, split: false)]
    }

    func joins(_ line: CookedLine, _ p: Pending) -> Bool {
        guard !line.parsed.startsRecord, line.time - p.lastTime <= options.idleGap else { return false }
        // Blank lines are records of their own; what follows them starts afresh.
        if !p.hasText { return false }
        // A new traceback belongs to the record only right after its header or after a chain
        // separator; after a finished traceback it is the next exception, a record of its own.
        if Self.startsTraceback(line.message) {
            let previous = p.messages.last { !$0.isEmpty } ?? ""
            return p.messages.count == 1 || ContinuationShape.chainSeparators.contains(previous)
        }
        return p.inBlock || !Self.needsBlock(line.message)
    }

    static func startsTraceback(_ message: String) -> Bool {
        message.hasPrefix("Traceback (") || message.hasPrefix("  + Exception Group Traceback")
    }

    /// Empty lines and bare exception lines continue a record only inside a block.
    static func needsBlock(_ message: String) -> Bool {
        message.isEmpty || ContinuationShape.isExceptionLine(message)
    }

    func emit(_ p: Pending, split: Bool) -> (record: LogRecord, tag: StreamPosition) {
        // Only these marks are stored; the format reads the rest again from the first line.
        var marks = Fields()
        if p.continued { marks.set("record.continued", 1) }
        if p.messages.count > 1 { marks.set("record.lines", p.messages.count) }
        if split { marks.set("record.split", 1) }
        var level = p.first.parsed.level
        if level == .unknown && p.hasTraceback { level = .error }
        let message = p.messages.joined(separator: "\n")
        let raw: String? = p.raws.allSatisfy({ $0 == nil }) ? nil
            : zip(p.raws, p.messages).map { $0 ?? $1 }.joined(separator: "\n")
        return (LogRecord(time: p.first.time, stream: p.first.stream, level: level, message: message, raw: raw,
                          format: p.first.format, fields: marks.json, httpStatus: p.first.parsed.fields.httpStatus,
                          request: p.first.parsed.fields.request), p.tag)
    }
}
