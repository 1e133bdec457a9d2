import Subprocess

/// Bytes read from a child's pipe; lets the decoders be fed by Subprocess buffers and by tests alike.
public protocol BufferBytes {
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension SubprocessOutputSequence.Buffer: BufferBytes {
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(body)
    }
}

extension Array: BufferBytes where Element == UInt8 {
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(body)
    }
}
