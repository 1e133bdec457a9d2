/// The secrets that reach the AgentChat stack's logs (log-corpus NOTES.md §4), as rules.
public enum BuiltInRedactions {
    /// (name, triggers, pattern), patterns as `ExtendedRegex` reads them. Group 1 is kept before
    /// the secret, group 2 after it.
    static let definitions: [(String, [String], String)] = [
        ("api-key", ["sk-"], #"\bsk-(?:lf-|proj-|ant-)?[A-Za-z0-9*_-]{16,}"#),
        ("langfuse-public-key", ["pk-lf-"], #"\bpk-lf-[A-Za-z0-9-]{8,}"#),
        ("tavily-key", ["tvly-"], #"\btvly-(?:dev-)?[A-Za-z0-9]{16,}"#),
        ("aliyun-access-key", ["ltai"], #"\bLTAI[A-Za-z0-9]{12,24}\b"#),
        ("jwt", ["eyj"], #"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"#),
        ("url-password", ["://"], #"\b([a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s@/]+(@)"#),
        ("query-secret", ["token=", "secret=", "key=", "password=", "signature="],
         #"(?i)([?&](?:access_token|refresh_token|token|secret|appsecret|client_secret|key|api_key|apikey|password|signature)=)[^&\s"']+"#),
        ("key-value-secret", ["pass", "pwd", "secret", "token", "key"],
         #"(?i)\b((?:password|passwd|pwd|api[_-]?key|secret|secret[_-]?key|access[_-]?key[_-]?secret|client[_-]?secret|token|access[_-]?token|refresh[_-]?token)["']?\s*[:=]\s*["']?)[^\s"',;}&]+"#),
        ("minio-root-credentials", ["root"], #"(?i)\b(Root(?:User|Pass(?:word)?): )\S+"#),
        ("default-credentials", ["credentials"], #"(credentials ')[^':\s]+:[^'\s]+(')"#),
        ("mysql-generated-password", ["generated root password"], #"(GENERATED ROOT PASSWORD: )\S+"#),
    ]

    public static func rules() -> [RedactionRule] {
        definitions.map { name, triggers, pattern in
            // The patterns are constants checked by the tests; a failure here is a programming error.
            try! RedactionRule(name: name, triggers: triggers, pattern: pattern)
        }
    }

    public static var names: [String] { definitions.map(\.0) }
}
