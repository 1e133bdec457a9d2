import ACLogModel
import ACLogQuery
import ArgumentParser

/// `--deploy N` of `--compare deploy` (errors, trend): which deploy the spans either side are of.
struct DeployOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("With --compare deploy: the N-th last deploy (1: the last).", valueName: "N"))
    var deploy = 1

    /// The chosen deploy of these services and the length of the spans either side (from it to
    /// now, at most `longest`); a one-line error when none is recorded.
    func around(in db: ReadOnlyDatabase, services: [String], longest: Int64, now: Int64 = Timestamp.now()) throws -> (deploy: Deploy, length: Int64) {
        guard let around = try db.aroundDeploy(services: services, nth: deploy, longest: longest, now: now) else {
            let whose = services.isEmpty ? "any service" : services.joined(separator: ", ")
            throw CommandLineError("no \(deploy == 1 ? "deploy" : "deploy number \(deploy)") of \(whose) is recorded (aclog records one when a container is re-created from another image)")
        }
        return around
    }

    /// `Deploy of api at 2026-12-04 23:15:22: api:1 (…) → api:2 (…)`.
    static func heading(_ deploy: Deploy, utc: Bool) -> String {
        "Deploy of \(deploy.service) at \(Timestamp.display(deploy.time, utc: utc).prefix(19)): \(deploy.images)"
    }
}
