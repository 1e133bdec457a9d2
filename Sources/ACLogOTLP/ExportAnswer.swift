import ACLogHTTP
import SwiftProtobuf

/// What an OTLP/HTTP receiver's answer means for the batch it was sent (OTLP's specification,
/// "OTLP/HTTP Response"): taken (perhaps partly), refused for good, or to be sent again later.
enum ExportAnswer: Equatable {
    /// 2xx: the batch is the receiver's; `rejected` of its records it refused (partial success).
    case accepted(rejected: Int64, message: String)
    /// 400: the receiver cannot take this batch ever; sending it again would block the rest.
    case refused(String)
    /// 413: the batch is too large for the receiver.
    case tooLarge
    /// 429, 502, 503, 504, other 5xx, and what a configuration fix may change (401, 403, 404):
    /// send it again, not before `after` seconds when the receiver said so.
    case retry(String, after: Double?)

    init(_ answer: HTTPExchange.Answer, encoding: OTLPEndpoint.Encoding) {
        switch answer.status {
        case 200..<300:
            var response = ExportLogsResponse()
            if !answer.body.isEmpty {
                switch encoding {
                case .protobuf: response = (try? ExportLogsResponse(serializedBytes: answer.body)) ?? ExportLogsResponse()
                case .json: response = (try? ExportLogsResponse(jsonUTF8Bytes: answer.body, options: Self.lenient)) ?? ExportLogsResponse()
                }
            }
            self = .accepted(rejected: max(0, response.partialSuccess.rejectedLogRecords), message: response.partialSuccess.errorMessage)
        case 400:
            self = .refused("HTTP 400\(Self.said(answer))")
        case 413:
            self = .tooLarge
        default:
            let after = answer.header("retry-after").flatMap { Double($0) }
            self = .retry("HTTP \(answer.status)\(Self.said(answer))", after: after)
        }
    }

    static let lenient: JSONDecodingOptions = {
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        return options
    }()

    /// The first line of a short text body, for the log.
    static func said(_ answer: HTTPExchange.Answer) -> String {
        guard answer.header("content-type")?.hasPrefix("text/") == true || answer.header("content-type")?.contains("json") == true,
              let line = String(decoding: answer.body.prefix(200), as: UTF8.self).split(separator: "\n").first else { return "" }
        return ": \(line)"
    }
}
