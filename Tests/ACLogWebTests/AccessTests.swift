import ACLogModel
@testable import ACLogWeb
import Testing

/// Beyond loopback only users of the users file get in; failures are limited per client, and an
/// unknown user is answered as a wrong password is.
@Suite struct AccessTests {
    static let hash = UsersFile.hash("s3cret")

    func request(_ user: String, _ password: String, from client: String = "10.0.0.1") -> WebRequest {
        let token = Array("\(user):\(password)".utf8)
        return WebRequest(target: "/", headers: ["authorization": "Basic " + base64(token)], client: client)
    }

    func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        for chunk in stride(from: 0, to: bytes.count, by: 3) {
            let b = Array(bytes[chunk..<min(chunk + 3, bytes.count)]) + [0, 0]
            let n = Int(b[0]) << 16 | Int(b[1]) << 8 | Int(b[2])
            let count = min(3, bytes.count - chunk)
            for i in 0..<4 { out.append(i <= count ? table[(n >> (18 - 6 * i)) & 63] : "=") }
        }
        return out
    }

    @Test func usersFileLinesAreChecked() throws {
        let users = try UsersFile(path: "u", text: "# comment\n\nalice:\(Self.hash)\n")
        #expect(users.verify(user: "alice", password: "s3cret"))
        #expect(!users.verify(user: "alice", password: "S3cret"))
        #expect(!users.verify(user: "bob", password: "s3cret"))
        #expect(throws: UsersFile.Invalid.self) { try UsersFile(path: "u", text: "alice:plaintext\n") }
        #expect(throws: UsersFile.Invalid.self) { try UsersFile(path: "u", text: "# nobody\n") }
        #expect(throws: UsersFile.Invalid.self) { try UsersFile(path: "u", text: ":\(Self.hash)\n") }
    }

    @Test func signInFailuresAreLimitedAndSayNothingOfTheUser() throws {
        let guardian = AccessGuard(AccessPolicy(kind: .users(try UsersFile(path: "u", text: "alice:\(Self.hash)\n"))))
        let now: Int64 = 1_000 * Timestamp.nanosPerSecond
        #expect(guardian.check(WebRequest(target: "/"), now: now)?.status == 401)
        #expect(guardian.check(request("alice", "s3cret"), now: now) == nil)
        let wrong = guardian.check(request("alice", "nope"), now: now)
        let unknown = guardian.check(request("mallory", "nope"), now: now)
        #expect(wrong?.status == 401 && unknown?.status == 401 && wrong?.body == unknown?.body)
        for _ in 0..<3 { _ = guardian.check(request("alice", "guess"), now: now) }
        #expect(guardian.check(request("alice", "guess"), now: now)?.status == 429)
        // Another client is not limited by this one's failures, and a minute later this one may try again.
        #expect(guardian.check(request("alice", "guess", from: "10.0.0.2"), now: now)?.status == 401)
        #expect(guardian.check(request("alice", "guess"), now: now + 61 * Timestamp.nanosPerSecond)?.status == 401)
    }

    @Test func aProxyHeaderMustBeThere() {
        let guardian = AccessGuard(AccessPolicy(kind: .proxyHeader("X-Forwarded-User")))
        #expect(guardian.check(WebRequest(target: "/"))?.status == 401)
        #expect(guardian.check(WebRequest(target: "/", headers: ["x-forwarded-user": "alice"])) == nil)
    }
}
