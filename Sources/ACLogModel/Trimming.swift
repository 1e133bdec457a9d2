extension StringProtocol {
    /// The text without the characters at either end that `isTrimmed` picks; by default the
    /// spaces and tabs.
    public func trimmed(where isTrimmed: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(self[first...last])
    }
}
