import HummingbirdBcrypt

/// The users who may sign in to a web view that listens beyond loopback: one `NAME:HASH` line
/// each, the hash bcrypt's (`aclog serve --hash-password` prints one), as htpasswd writes them;
/// blank lines and `#` comments are skipped.
public struct UsersFile: Sendable {
    let hashes: [String: String]

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(path: String, text: String) throws(Invalid) {
        var hashes: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.trimmingSuffix { $0 == "\r" || $0 == " " }
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw Invalid(description: "invalid users file '\(path)': line \(number + 1) is not NAME:HASH")
            }
            let hash = String(line[line.index(after: colon)...])
            guard hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") || hash.hasPrefix("$2y$"), hash.count == 60 else {
                throw Invalid(description: "invalid users file '\(path)': line \(number + 1): the password of '\(line[..<colon])' is not a bcrypt hash (make one with 'aclog serve --hash-password')")
            }
            hashes[String(line[..<colon])] = hash
        }
        guard !hashes.isEmpty else { throw Invalid(description: "invalid users file '\(path)': it names no user") }
        self.hashes = hashes
    }

    /// A hash to check a wrong name's password against, so an unknown user costs the same time
    /// as a wrong password and the answer does not tell them apart.
    private static let decoy = Bcrypt.hash("not a user of this view", cost: 12)

    public func verify(user: String, password: String) -> Bool {
        let known = hashes[user]
        let good = Bcrypt.verify(password, hash: known ?? Self.decoy)
        return known != nil && good
    }

    /// A bcrypt hash of a password, for a users file line.
    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: 12)
    }
}

extension Substring {
    func trimmingSuffix(while drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
