import ACLogModel
import ExtrasBase64
import Synchronization

/// Who may see the web view. On loopback anyone on the host; beyond it, users of a users file
/// signing in with HTTP Basic authentication (over a TLS reverse proxy), or a trusted reverse
/// proxy's user header, chosen explicitly. Failed sign-ins are limited per client, and the answer
/// never says whether the user exists.
public struct AccessPolicy: Sendable {
    public enum Kind: Sendable {
        case anyone
        case users(UsersFile)
        case proxyHeader(String)
    }

    public let kind: Kind

    public static let anyone = AccessPolicy(kind: .anyone)

    public init(kind: Kind) {
        self.kind = kind
    }
}

final class AccessGuard: Sendable {
    let policy: AccessPolicy
    /// Failed sign-ins a client may make in a minute; more are answered 429 until it passes.
    static let failuresPerMinute = 5
    /// A successful sign-in is remembered this long, so bcrypt does not run on every request.
    static let remembered: Int64 = 5 * Timestamp.nanosPerMinute

    private let failures = Mutex<[String: (windowStart: Int64, count: Int)]>([:])
    private let signedIn = Mutex<[String: Int64]>([:])

    init(_ policy: AccessPolicy) {
        self.policy = policy
    }

    /// Nil when the request may go on; else the answer to give.
    func check(_ request: WebRequest, now: Int64 = Timestamp.now()) -> WebResponse? {
        switch policy.kind {
        case .anyone:
            return nil
        case .proxyHeader(let name):
            if let user = request.headers[name.lowercased()], !user.isEmpty { return nil }
            return .text("sign-in required: this view is served behind a proxy that names the user in \(name)", status: 401)
        case .users(let users):
            return checkBasic(request, users: users, now: now)
        }
    }

    private func checkBasic(_ request: WebRequest, users: UsersFile, now: Int64) -> WebResponse? {
        let challenge = WebResponse.unauthorized
        guard let header = request.headers["authorization"], header.hasPrefix("Basic ") else { return challenge }
        if let until = signedIn.withLock({ $0[header] }), until > now { return nil }
        if limited(request.client, now: now) {
            return .text("too many failed sign-ins from this address: wait a minute", status: 429)
        }
        let credentials = (try? Base64.decode(string: String(header.dropFirst(6)))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let colon = credentials.firstIndex(of: ":")
        let user = colon.map { String(credentials[..<$0]) } ?? ""
        let password = colon.map { String(credentials[credentials.index(after: $0)...]) } ?? ""
        if users.verify(user: user, password: password) {
            signedIn.withLock { remembered in
                remembered = remembered.filter { $0.value > now }
                remembered[header] = now + Self.remembered
            }
            return nil
        }
        failures.withLock { failures in
            var entry = failures[request.client] ?? (now, 0)
            if now - entry.windowStart >= Timestamp.nanosPerMinute { entry = (now, 0) }
            entry.count += 1
            failures[request.client] = entry
        }
        return challenge
    }

    private func limited(_ client: String, now: Int64) -> Bool {
        failures.withLock { failures in
            guard let entry = failures[client] else { return false }
            return now - entry.windowStart < Timestamp.nanosPerMinute && entry.count >= Self.failuresPerMinute
        }
    }
}

extension WebResponse {
    /// The same answer for an unknown user and a wrong password.
    static var unauthorized: WebResponse {
        WebResponse(status: 401, contentType: "text/plain; charset=utf-8", body: "sign-in required\n",
                    headers: [("WWW-Authenticate", "Basic realm=\"aclog\", charset=\"UTF-8\"")])
    }
}
