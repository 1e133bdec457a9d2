import ACLogTextSearch

/// Which rules' triggers occur in a line, in one pass over it: a table of every trigger's first
/// two bytes says where one may start, and only there are triggers compared. ASCII letters are
/// compared without case. (One scan per trigger took a sixth of the time of parsing a line.)
struct TriggerScan: Sendable {
    private struct Trigger: Sendable {
        let rule: Int
        let bytes: [UInt8]
    }

    /// A bit per pair of first two bytes (letters in lower case): 65,536 bits.
    private let pairs: [UInt64]
    private let triggers: [Trigger]
    /// Rules with a trigger shorter than two bytes: every line may hold it.
    private let shortTriggers: [(rule: Int, finder: SubstringFinder)]
    let ruleCount: Int
    /// Each byte with ASCII capitals in lower case: a lookup, not a branch, per byte.
    private static let lowered: [UInt8] = (0...255).map { ByteSearch.lower(UInt8($0)) }

    init(triggers ruleTriggers: [[String]]) {
        var pairs = [UInt64](repeating: 0, count: 1024)
        var triggers: [Trigger] = []
        var shortTriggers: [(Int, SubstringFinder)] = []
        for (rule, words) in ruleTriggers.enumerated() {
            for word in words {
                let bytes = Array(word.utf8).map(ByteSearch.lower)
                if bytes.count < 2 {
                    shortTriggers.append((rule, SubstringFinder(bytes, caseless: true)))
                    continue
                }
                let key = Int(bytes[0]) << 8 | Int(bytes[1])
                pairs[key >> 6] |= 1 << UInt64(key & 63)
                triggers.append(Trigger(rule: rule, bytes: bytes))
            }
        }
        self.pairs = pairs
        self.triggers = triggers
        self.shortTriggers = shortTriggers
        ruleCount = ruleTriggers.count
    }

    /// The rules triggered by `line`, in order.
    func triggered(in line: UnsafeBufferPointer<UInt8>) -> [Int] {
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: ruleCount) { found in
            found.initialize(repeating: false)
            var any = false
            for (rule, finder) in shortTriggers where !found[rule] && finder.occurs(in: line) {
                found[rule] = true
                any = true
            }
            if line.count >= 2 {
                scanPairs(line, found: found, any: &any)
            }
            return any ? found.indices.filter { found[$0] } : []
        }
    }

    /// Marks the rules whose two-byte-or-longer triggers occur in `line`.
    private func scanPairs(_ line: UnsafeBufferPointer<UInt8>, found: UnsafeMutableBufferPointer<Bool>, any: inout Bool) {
        pairs.withUnsafeBufferPointer { pairs in
            Self.lowered.withUnsafeBufferPointer { lowered in
                var previous = Int(lowered[Int(line[0])])
                for i in 1..<line.count {
                    let current = Int(lowered[Int(line[i])])
                    let key = previous << 8 | current
                    previous = current
                    guard pairs[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
                    for trigger in triggers where !found[trigger.rule] && matches(trigger.bytes, in: line, at: i - 1) {
                        found[trigger.rule] = true
                        any = true
                    }
                }
            }
        }
    }

    @inline(__always) private func matches(_ trigger: [UInt8], in line: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + trigger.count <= line.count else { return false }
        var k = 0
        while k < trigger.count && ByteSearch.lower(line[start + k]) == trigger[k] { k += 1 }
        return k == trigger.count
    }
}
