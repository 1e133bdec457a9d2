import ACLogModel

/// The words each format writes for its levels, as it writes them (case matters).
enum LevelWords {
    static let loguru: [String: Level] = [
        "TRACE": .trace, "DEBUG": .debug, "INFO": .info, "SUCCESS": .info, "WARNING": .warn, "ERROR": .error, "CRITICAL": .fatal,
    ]

    static let mysql: [String: Level] = [
        "System": .info, "Note": .info, "Warning": .warn, "Warn": .warn, "ERROR": .error,
    ]

    static let python: [String: Level] = [
        "DEBUG": .debug, "INFO": .info, "WARNING": .warn, "ERROR": .error, "CRITICAL": .fatal,
    ]

    static let uvicorn: [String: Level] = [
        "TRACE": .trace, "DEBUG": .debug, "INFO": .info, "WARNING": .warn, "ERROR": .error, "CRITICAL": .fatal,
    ]
}
