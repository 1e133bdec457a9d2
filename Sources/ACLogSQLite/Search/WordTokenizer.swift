import CSQLite

/// The FTS5 tokenizer `aclog_words` that the search index is built with: unicode61's tokens that
/// `IndexedWords` keeps. Every connection aclog opens registers it; other programs can read the
/// records but not query `records_fts`.
enum WordTokenizer {
    static let name = "aclog_words"

    /// unicode61 as FTS5 registered it for this connection.
    struct Base {
        var tokenizer: fts5_tokenizer
        var context: UnsafeMutableRawPointer?
    }

    /// One tokenizer of a table: its unicode61 instance.
    struct Instance {
        var base: fts5_tokenizer
        var inner: OpaquePointer?
    }

    /// The caller's token callback, handed through unicode61 to `forward`.
    struct Sink {
        var context: UnsafeMutableRawPointer?
        var token: (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?
    }

    static func register(on db: OpaquePointer) -> Int32 {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else { return sqlite3_errcode(db) }
        defer { sqlite3_finalize(statement) }
        // FTS5 writes its API's address through the bound pointer while the statement steps.
        let slot = UnsafeMutablePointer<UnsafeMutablePointer<fts5_api>?>.allocate(capacity: 1)
        slot.initialize(to: nil)
        defer { slot.deallocate() }
        sqlite3_bind_pointer(statement, 1, slot, "fts5_api_ptr", nil)
        _ = sqlite3_step(statement)
        guard let api = slot.pointee, api.pointee.iVersion >= 2 else { return SQLITE_ERROR }
        let base = UnsafeMutablePointer<Base>.allocate(capacity: 1)
        base.initialize(to: Base(tokenizer: fts5_tokenizer(), context: nil))
        var rc = api.pointee.xFindTokenizer(api, "unicode61", &base.pointee.context, &base.pointee.tokenizer)
        guard rc == SQLITE_OK else {
            base.deallocate()
            return rc
        }
        var tokenizer = fts5_tokenizer(xCreate: create, xDelete: delete, xTokenize: tokenize)
        rc = api.pointee.xCreateTokenizer(api, name, base, &tokenizer) { $0?.assumingMemoryBound(to: Base.self).deallocate() }
        return rc
    }
}

private func create(_ context: UnsafeMutableRawPointer?, _ arguments: UnsafeMutablePointer<UnsafePointer<CChar>?>?,
                    _ count: Int32, _ out: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    guard let base = context?.assumingMemoryBound(to: WordTokenizer.Base.self).pointee, let out else { return SQLITE_ERROR }
    var inner: OpaquePointer?
    let rc = base.tokenizer.xCreate(base.context, arguments, count, &inner)
    guard rc == SQLITE_OK else { return rc }
    let instance = UnsafeMutablePointer<WordTokenizer.Instance>.allocate(capacity: 1)
    instance.initialize(to: WordTokenizer.Instance(base: base.tokenizer, inner: inner))
    out.pointee = OpaquePointer(instance)
    return SQLITE_OK
}

private func delete(_ tokenizer: OpaquePointer?) {
    guard let tokenizer else { return }
    let instance = UnsafeMutablePointer<WordTokenizer.Instance>(tokenizer)
    instance.pointee.base.xDelete(instance.pointee.inner)
    instance.deallocate()
}

private func tokenize(_ tokenizer: OpaquePointer?, _ context: UnsafeMutableRawPointer?, _ flags: Int32,
                      _ text: UnsafePointer<CChar>?, _ length: Int32,
                      _ token: (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?) -> Int32 {
    guard let tokenizer else { return SQLITE_ERROR }
    let instance = UnsafeMutablePointer<WordTokenizer.Instance>(tokenizer).pointee
    var sink = WordTokenizer.Sink(context: context, token: token)
    return instance.base.xTokenize(instance.inner, &sink, flags, text, length, forward)
}

private func forward(_ context: UnsafeMutableRawPointer?, _ flags: Int32, _ token: UnsafePointer<CChar>?, _ length: Int32,
                     _ start: Int32, _ end: Int32) -> Int32 {
    guard let sink = context?.assumingMemoryBound(to: WordTokenizer.Sink.self).pointee, let token else { return SQLITE_OK }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(token).assumingMemoryBound(to: UInt8.self), count: Int(length))
    guard IndexedWords.keeps(bytes) else { return SQLITE_OK }
    return sink.token?(sink.context, flags, token, length, start, end) ?? SQLITE_ERROR
}
