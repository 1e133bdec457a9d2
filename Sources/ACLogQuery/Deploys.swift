import ACLogModel
import ACLogSQLite

/// A service's container created from another image than the one before it.
public struct Deploy: Sendable, Equatable {
    public var time: Int64
    public var service: String
    public var container: String
    /// `api:1 (3f2a1b2c3d4e) → api:2 (9c8d7e6f5a4b)`.
    public var images: String
}

extension ReadOnlyDatabase {
    /// The deploys of these services (all: none named), newest first.
    public func deploys(services: [String]) throws -> [Deploy] {
        try deploys(containers: try containers(for: services))
    }

    /// The deploys of these containers' services, newest first.
    public func deploys(containers: [Int64]) throws(StoreError) -> [Deploy] {
        let s = try db.prepare(NamedQuery.sql("deploys"))
        try s.bind(Self.jsonArray(containers), named: ":containers")
        var deploys: [Deploy] = []
        while try s.step() {
            deploys.append(Deploy(time: s.int64(0), service: s.text(1), container: s.text(2), images: s.optionalText(3) ?? ""))
        }
        return deploys
    }

    /// The windows either side of the `nth` last deploy of these services (1: the last): from it
    /// to now, at most `longest`, and as long before it.
    public func aroundDeploy(services: [String], nth: Int, longest: Int64, now: Int64 = Timestamp.now()) throws -> (deploy: Deploy, length: Int64)? {
        let deploys = try deploys(services: services)
        guard nth >= 1, nth <= deploys.count else { return nil }
        let deploy = deploys[nth - 1]
        let length = max(Timestamp.nanosPerMinute, min(longest, now - deploy.time))
        return (deploy, length)
    }
}
