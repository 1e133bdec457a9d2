import Foundation

/// Bytes of a file in this target's Fixtures/ folder (see Fixtures/SOURCES.md).
func fixture(_ name: String, filePath: String = #filePath) -> [UInt8] {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    return [UInt8](try! Data(contentsOf: folder.appendingPathComponent(name)))
}
