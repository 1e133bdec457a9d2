import ACLogModel
import ACLogParsing
import ACLogQuery
import SwiftProtobuf

typealias AnyValue = Opentelemetry_Proto_Common_V1_AnyValue
typealias KeyValue = Opentelemetry_Proto_Common_V1_KeyValue
typealias OTLPLogRecord = Opentelemetry_Proto_Logs_V1_LogRecord
typealias ExportLogsRequest = Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceRequest
typealias ExportLogsResponse = Opentelemetry_Proto_Collector_Logs_V1_ExportLogsServiceResponse

/// Stored records as one OTLP `ExportLogsServiceRequest`, following OpenTelemetry's log data model
/// and semantic conventions: a resource per container (`service.name`, `service.namespace`,
/// `container.id`, `container.name`, `container.image.name` and `.tags`, `host.name`), each record
/// with Docker's time as its time and observed time, its severity, its message as the body, and
/// `log.iostream` and its parsed fields as attributes (`http.response.status_code`,
/// `http.request.method`, `url.path`, ...).
enum LogsRequest {
    static let scopeName = "aclog"

    static func make(_ records: [ExportRecord], hostName: String) -> ExportLogsRequest {
        var order: [ExportRecord.Container] = []
        var byContainer: [ExportRecord.Container: [OTLPLogRecord]] = [:]
        for record in records {
            if byContainer[record.container] == nil { order.append(record.container) }
            byContainer[record.container, default: []].append(logRecord(record))
        }
        var request = ExportLogsRequest()
        request.resourceLogs = order.map { container in
            var resource = Opentelemetry_Proto_Logs_V1_ResourceLogs()
            resource.resource.attributes = resourceAttributes(container, hostName: hostName)
            var scope = Opentelemetry_Proto_Logs_V1_ScopeLogs()
            scope.scope.name = scopeName
            scope.logRecords = byContainer[container] ?? []
            resource.scopeLogs = [scope]
            return resource
        }
        return request
    }

    static func resourceAttributes(_ container: ExportRecord.Container, hostName: String) -> [KeyValue] {
        var attributes = [
            attribute("service.name", container.service), attribute("container.id", container.dockerID),
            attribute("container.name", container.name), attribute("host.name", hostName),
        ]
        if let project = container.project, !project.isEmpty { attributes.append(attribute("service.namespace", project)) }
        if let image = container.image, !image.isEmpty {
            // "repo:tag" (the tag after the last colon that follows the last slash); a digest stays in the name.
            let slash = image.lastIndex(of: "/") ?? image.startIndex
            if !image.contains("@"), let colon = image[slash...].lastIndex(of: ":") {
                attributes.append(attribute("container.image.name", String(image[..<colon])))
                var tags = AnyValue()
                tags.arrayValue.values = [string(String(image[image.index(after: colon)...]))]
                attributes.append(attribute("container.image.tags", tags))
            } else {
                attributes.append(attribute("container.image.name", image))
            }
        }
        return attributes
    }

    static func logRecord(_ record: ExportRecord) -> OTLPLogRecord {
        var out = OTLPLogRecord()
        out.timeUnixNano = UInt64(max(0, record.time))
        // Docker's timestamp is when the engine read the line: the time it was observed.
        out.observedTimeUnixNano = out.timeUnixNano
        out.severityNumber = severity(record.level)
        if record.level != .unknown { out.severityText = record.level.name.uppercased() }
        out.body = string(record.message)
        out.attributes.reserveCapacity(1 + record.fields.items.count)
        out.attributes.append(attribute("log.iostream", record.stream.name))
        for (key, value) in record.fields.items {
            switch (key, value) {
            case ("http.status", .int(let code)): out.attributes.append(attribute("http.response.status_code", int(code)))
            case ("http.method", .string(let method)): out.attributes.append(attribute("http.request.method", method))
            case ("http.path", .string(let target)):
                if let question = target.firstIndex(of: "?") {
                    out.attributes.append(attribute("url.path", String(target[..<question])))
                    out.attributes.append(attribute("url.query", String(target[target.index(after: question)...])))
                } else {
                    out.attributes.append(attribute("url.path", target))
                }
            case ("http.bytes", .int(let bytes)): out.attributes.append(attribute("http.response.body.size", int(bytes)))
            case ("client", .string(let address)): out.attributes.append(attribute("client.address", address))
            case ("pid", .int(let pid)): out.attributes.append(attribute("process.pid", int(pid)))
            default: out.attributes.append(attribute(key, anyValue(value)))
            }
        }
        return out
    }

    /// aclog's levels on OpenTelemetry's severity numbers (the first of each range).
    static func severity(_ level: Level) -> Opentelemetry_Proto_Logs_V1_SeverityNumber {
        switch level {
        case .unknown: .unspecified
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .warn: .warn
        case .error: .error
        case .fatal: .fatal
        }
    }

    static func anyValue(_ value: Fields.Value) -> AnyValue {
        switch value {
        case .string(let s): string(s)
        case .int(let n): int(n)
        case .double(let d): double(d)
        }
    }

    static func string(_ text: String) -> AnyValue {
        var value = AnyValue()
        value.stringValue = text
        return value
    }

    static func int(_ number: Int) -> AnyValue {
        var value = AnyValue()
        value.intValue = Int64(number)
        return value
    }

    static func double(_ number: Double) -> AnyValue {
        var value = AnyValue()
        value.doubleValue = number
        return value
    }

    static func attribute(_ key: String, _ text: String) -> KeyValue {
        attribute(key, string(text))
    }

    static func attribute(_ key: String, _ value: AnyValue) -> KeyValue {
        var pair = KeyValue()
        pair.key = key
        pair.value = value
        return pair
    }
}
