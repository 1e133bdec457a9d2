import ACLogModel
import Testing

@Suite struct ContainerRunsTests {
    @Test func runsOfOneContainerAndFlagJoin() {
        var runs = ContainerRuns()
        for (container, checked) in [(3, false), (3, false), (3, true), (5, true), (5, true), (3, false)] {
            runs.append(container: Int64(container), checked: checked)
        }
        #expect(runs.runs == [.init(container: 3, checked: false, count: 2), .init(container: 3, checked: true, count: 1),
                              .init(container: 5, checked: true, count: 2), .init(container: 3, checked: false, count: 1)])
    }

    @Test func whatIsEncodedIsDecoded() {
        let runs = ContainerRuns([.init(container: 1, checked: false, count: 1), .init(container: 70_000, checked: true, count: 300),
                                  .init(container: Int64(Int32.max), checked: false, count: 1 << 40)])
        let decoded = runs.encoded.withUnsafeBytes { ContainerRuns(decoding: $0) }
        #expect(decoded == runs)
        #expect(ContainerRuns().encoded.isEmpty)
    }

    /// A blob cut short, or a run of no ids, is not as aclog writes it.
    @Test func otherBytesAreRefused() {
        let cut = Array(ContainerRuns([.init(container: 70_000, checked: false, count: 300)]).encoded.dropLast())
        for bytes: [UInt8] in [cut, [2], [2, 0], [0x80, 0x80]] {
            #expect(bytes.withUnsafeBytes { ContainerRuns(decoding: $0) } == nil, "\(bytes)")
        }
    }
}
