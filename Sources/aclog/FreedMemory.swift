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

    /// Fixing one threshold fixes the other one too, for blocks that get a mapping of their own: it
    /// stays at 128 KB. grep's spans of rendered lines (a megabyte each) were then mapped, faulted
    /// in page by page and unmapped: 277,000 page faults for a word on half of 10M lines (1.93 s).
    /// Up to 4 MB they come from the heap and are used again: 62,000 faults, 1.66 s. Set by grep
    /// only: the collector's and the import's memory were measured without it.
    static func reuseLargeBlocks() {
        _ = mallopt(M_MMAP_THRESHOLD, 4 << 20)
    }
}
#else
enum FreedMemory {
    static func handBack() {}
    static func reuseLargeBlocks() {}
}
#endif
