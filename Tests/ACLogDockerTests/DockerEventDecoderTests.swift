@testable import ACLogDocker
import ACLogModel
import Testing

@Suite struct DockerEventDecoderTests {
    static func events(_ file: String) -> [ContainerEvent] {
        String(decoding: fixture(file), as: UTF8.self).split(separator: "\n").compactMap { DockerEventDecoder.decode($0) }
    }

    @Test(arguments: ["events-json.client28.txt", "events-json.client20.txt"])
    func lifecycleOfTheSampleContainerIsRead(file: String) throws {
        let events = Self.events(file)
        let ev = events.filter { $0.container.name == "aclog-ev" }.map(\.action)
        #expect(ev.starts(with: ["create", "start", "kill", "die", "stop", "start"]))
        #expect(ev.contains("restart"))
        #expect(ev.contains("destroy"))
        // Network events of the same stream are not container events.
        #expect(events.allSatisfy { !$0.container.id.isEmpty && $0.time > 1_700_000_000_000_000_000 })
    }

    @Test func dieCarriesTheExitCodeAndKillTheSignal() throws {
        let events = Self.events("events-json.client28.txt")
        let dies = events.filter { $0.action == "die" }
        #expect(dies.contains { $0.exitCode == 7 })
        #expect(dies.contains { $0.exitCode == 137 })
        let kill = try #require(events.first { $0.action == "kill" })
        #expect(kill.detail?.hasPrefix("signal ") == true)
    }

    @Test func healthStatusSplitsActionAndDetail() throws {
        let line = #"{"status":"health_status: unhealthy","id":"abc","Type":"container","Action":"health_status: unhealthy","Actor":{"ID":"abc","Attributes":{"name":"agentchat-backend","image":"x","com.docker.compose.service":"backend"}},"time":1,"timeNano":1000000001}"#
        let event = try #require(DockerEventDecoder.decode(line))
        #expect(event.action == "health_status")
        #expect(event.detail == "unhealthy")
        #expect(event.container.service == "backend")
        #expect(event.time == 1_000_000_001)
    }

    @Test func junkIsIgnored() {
        #expect(DockerEventDecoder.decode("not json") == nil)
        #expect(DockerEventDecoder.decode(#"{"Type":"network","Action":"connect","Actor":{"ID":"n"}}"#) == nil)
    }

    @Test func psTemplateOutputIsRead() {
        let text = "abc123\tagentchat-backend\tagentchat-backend:latest\trunning\tbackend\tdocker\n"
            + "def456\tsolo,link/alias\tbusybox\texited\t\t\n"
        let containers = ContainerLister.parse(text)
        #expect(containers.count == 2)
        #expect(containers[0].service == "backend")
        #expect(containers[0].isRunning)
        #expect(containers[1].service == "solo")
        #expect(containers[1].composeService == nil)
        #expect(!containers[1].isRunning)
    }

    @Test func unixTimeForEventsSince() {
        #expect(EventStream.unixTime(1_795_714_942_000_000_005) == "1795714942.000000005")
    }
}

/// `docker inspect --format '{{.Image}}\t{{.Config.Image}}\t{{.Created}}'` as the engine prints it.
@Suite struct ContainerImageReaderTests {
    @Test func theImageAndWhenTheContainerWasCreated() throws {
        let image = try #require(ContainerImageReader.parse("sha256:93a09bd9f9e6748f4034988aa607be7880f748a5c3c48609023385ee340654a1\tdeploytest:2\t2026-12-04T23:15:22.030661674Z\n"))
        #expect(image.name == "deploytest:2" && image.shortID == "93a09bd9f9e6" && image.digest == nil)
        #expect(image.created == Timestamp.parseRFC3339("2026-12-04T23:15:22.030661674Z"))
        #expect(ContainerImageReader.parse("Error: No such object: x\n") == nil)
        #expect(ContainerImageReader.parse("sha256:93a0\tdeploytest:2\tyesterday") == nil)
    }
}
