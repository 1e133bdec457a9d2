import ACLogHTTP
import ACLogModel

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
            let value = URLText.decoded(Substring(pair[pair.index(after: equals)...].trimmingCharacters()), plusIsSpace: false)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !value.contains("\n"), !value.contains("\r") else {
                throw Invalid(description: "invalid OTLP header '\(name)'")
            }
            headers.append((name, value))
        }
        return headers
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
