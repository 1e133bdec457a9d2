#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Double {
    /// The number with `places` digits after the point, rounded as printf's `%.Nf` rounds.
    public func decimal(places: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400 + places) { buffer in
            _ = withVaList([self]) { vsnprintf(buffer.baseAddress, buffer.count, "%.\(places)f", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }
}
