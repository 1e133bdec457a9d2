#if canImport(CMalloc)
import CMalloc

/// glibc raises its thresholds for handing freed memory back to the system with each large block
/// it sees freed, up to 64 MB per thread's heap. The collector parses on one core while it commits
/// on the other, each thread with a heap of its own, and kept about 30 MB freed: importing a
/// 1.5 GB file peaked at 97 MB. A fixed threshold hands it back at the same speed (72 MB).
enum FreedMemory {
    static func handBack() {
        _ = mallopt(M_TRIM_THRESHOLD, 4 << 20)
    }
}
#else
enum FreedMemory {
    static func handBack() {}
}
#endif
