/// One metric as Prometheus scrapes it: a name, its help and type, and its samples, one per label
/// set. Counters are named without `_total` (OpenMetrics' family name); the exposition adds it.
public struct MetricFamily: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    public struct Sample: Sendable, Equatable {
        /// Appended to the family's name: "" for a counter's or gauge's value ("_total" is added
        /// for counters), "_bucket", "_sum" or "_count" for a histogram.
        public var suffix: String
        public var labels: [(name: String, value: String)]
        public var value: Double

        public init(suffix: String = "", labels: [(name: String, value: String)], value: Double) {
            self.suffix = suffix
            self.labels = labels
            self.value = value
        }

        public static func == (a: Sample, b: Sample) -> Bool {
            a.suffix == b.suffix && a.value == b.value && a.labels.map(\.name) == b.labels.map(\.name)
                && a.labels.map(\.value) == b.labels.map(\.value)
        }
    }

    public var name: String
    public var kind: Kind
    public var help: String
    /// OpenMetrics' UNIT: the name's last word ("seconds", "bytes"), or nil.
    public var unit: String?
    public var samples: [Sample]

    public init(_ name: String, _ kind: Kind, help: String, unit: String? = nil, samples: [Sample] = []) {
        self.name = name
        self.kind = kind
        self.help = help
        self.unit = unit
        self.samples = samples
    }

    /// A histogram's samples from its cumulative bucket counts (upper bounds ascending), sum and count.
    public static func histogram(_ name: String, help: String, unit: String?, labels: [(name: String, value: String)] = [],
                                 buckets: [(upperBound: Double, count: Int)], sum: Double, count: Int) -> MetricFamily {
        var samples = buckets.map { bucket in
            Sample(suffix: "_bucket", labels: labels + [("le", ExpositionNumber.text(bucket.upperBound))], value: Double(bucket.count))
        }
        samples.append(Sample(suffix: "_bucket", labels: labels + [("le", "+Inf")], value: Double(count)))
        samples.append(Sample(suffix: "_sum", labels: labels, value: sum))
        samples.append(Sample(suffix: "_count", labels: labels, value: Double(count)))
        return MetricFamily(name, .histogram, help: help, unit: unit, samples: samples)
    }
}

/// A number as the exposition formats write it: whole numbers without a fraction, others as Swift
/// prints a Double (which Prometheus's parser reads), NaN and the infinities by their names.
public enum ExpositionNumber {
    public static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }
}
