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
                for i in 0..<(line.count - 1) {
                    let key = Int(ByteSearch.lower(line[i])) << 8 | Int(ByteSearch.lower(line[i + 1]))
                    guard pairs[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
                    for trigger in triggers where !found[trigger.rule] && matches(trigger.bytes, in: line, at: i) {
                        found[trigger.rule] = true
                        any = true
                    }
                }
            }
            return any ? found.indices.filter { found[$0] } : []
        }
    }

    @inline(__always) private func matches(_ trigger: [UInt8], in line: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + trigger.count <= line.count else { return false }
        var k = 0
        while k < trigger.count && ByteSearch.lower(line[start + k]) == trigger[k] { k += 1 }
        return k == trigger.count
    }
}
