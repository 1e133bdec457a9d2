import ACLogQuery

/// A page of the view: its frame, its body, and its form alone, which `WebApp` shows with the
/// error at the top when the request's parameters are wrong (a bad time, an unknown service, a
/// field no record has): the one place a user's mistake becomes a page.
protocol WebPage: SendableMetatype {
    init(request: WebRequest)
    var frame: HTMLPage { get }
    func body(_ db: ReadOnlyDatabase) throws -> String
    /// The filters to correct; none by default.
    func form(_ db: ReadOnlyDatabase) throws -> String
}

extension WebPage {
    func form(_ db: ReadOnlyDatabase) throws -> String { "" }
}

/// The mistakes in a request that are the user's to correct (answered 400, with their words), as
/// opposed to failures of the database (500).
enum UserMistake {
    static func message(_ error: any Error) -> String? {
        switch error {
        case let invalid as WebQuery.Invalid: invalid.description
        case let unknown as ReadOnlyDatabase.UnknownService: unknown.description
        case let absent as FieldCensus.Absent: absent.description
        default: nil
        }
    }
}
