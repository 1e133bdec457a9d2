import ACLogHTTP

/// Where and how the OTLP export posts: the logs URL, the protocol, compression and headers, from
/// `--otlp` or OpenTelemetry's standard environment variables.
public struct OTLPEndpoint: Sendable, Equatable {
    public enum Encoding: String, Sendable {
        case protobuf = "http/protobuf"
        case json = "http/json"
    }

    /// The URL records are posted to (`…/v1/logs`); also the cursor's name in the database.
    public var url: String
    public var target: HTTPTarget
    public var encoding: Encoding
    public var gzip: Bool
    public var headers: [(String, String)]

    public static func == (a: OTLPEndpoint, b: OTLPEndpoint) -> Bool {
        a.url == b.url && a.encoding == b.encoding && a.gzip == b.gzip && a.headers.map(\.0) == b.headers.map(\.0) && a.headers.map(\.1) == b.headers.map(\.1)
    }

    /// A configuration mistake, said in one line naming the value.
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// `--otlp` (a base URL, as OTEL_EXPORTER_OTLP_ENDPOINT: `/v1/logs` is added unless it is
    /// there), else OTEL_EXPORTER_OTLP_LOGS_ENDPOINT (used as it is), else
    /// OTEL_EXPORTER_OTLP_ENDPOINT. Nil when none is set.
    public static func resolve(flag: String?, protocolFlag: String?, environment: [String: String]) throws(Invalid) -> OTLPEndpoint? {
        let url: String
        if let flag {
            url = logsURL(base: flag)
        } else if let logs = environment["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"], !logs.isEmpty {
            url = logs
        } else if let base = environment["OTEL_EXPORTER_OTLP_ENDPOINT"], !base.isEmpty {
            url = logsURL(base: base)
        } else {
            return nil
        }
        guard let target = HTTPTarget(url) else {
            throw Invalid(description: "invalid OTLP endpoint '\(url)': an http:// or https:// URL (user:password@ goes in OTEL_EXPORTER_OTLP_HEADERS)")
        }
        let protocolName = protocolFlag ?? environment["OTEL_EXPORTER_OTLP_LOGS_PROTOCOL"] ?? environment["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "http/protobuf"
        guard let encoding = Encoding(rawValue: protocolName) else {
            throw Invalid(description: "unsupported OTLP protocol '\(protocolName)': http/protobuf or http/json (not grpc)")
        }
        let compression = environment["OTEL_EXPORTER_OTLP_LOGS_COMPRESSION"] ?? environment["OTEL_EXPORTER_OTLP_COMPRESSION"] ?? "gzip"
        guard compression == "gzip" || compression == "none" else {
            throw Invalid(description: "unsupported OTLP compression '\(compression)': gzip or none")
        }
        var headers = try parseHeaders(environment["OTEL_EXPORTER_OTLP_HEADERS"] ?? "")
        for (name, value) in try parseHeaders(environment["OTEL_EXPORTER_OTLP_LOGS_HEADERS"] ?? "") {
            headers.removeAll { $0.0.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        return OTLPEndpoint(url: url, target: target, encoding: encoding, gzip: compression == "gzip", headers: headers)
    }

    static func logsURL(base: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmed.hasSuffix("/v1/logs") ? trimmed : trimmed + "/v1/logs"
    }

    /// `key1=value1,key2=value2`, values percent-decoded (the W3C baggage form the spec names).
    static func parseHeaders(_ text: String) throws(Invalid) -> [(String, String)] {
        var headers: [(String, String)] = []
        for pair in text.split(separator: ",") where !pair.allSatisfy(\.isWhitespace) {
            guard let equals = pair.firstIndex(of: "=") else {
                throw Invalid(description: "invalid OTLP header '\(pair.prefix(40))': key=value")
            }
            let name = pair[..<equals].trimmingCharacters()
            let value = percentDecoded(pair[pair.index(after: equals)...].trimmingCharacters())
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !value.contains("\n"), !value.contains("\r") else {
                throw Invalid(description: "invalid OTLP header '\(name)'")
            }
            headers.append((name, value))
        }
        return headers
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let high = hex(utf8[utf8.startIndex]), let low = hex(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
