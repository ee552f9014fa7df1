package io.junction.e2e

import java.lang.management.ManagementFactory

/** Bytes allocated by a set of threads (picked by name) since this was made: what a workload cost them. */
class EventLoopAllocation {

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.threadMXBean

    private final long[] ids
    private final long before

    private EventLoopAllocation(long[] ids) {
        this.ids = ids
        this.before = total()
    }

    /** The live threads whose names start with {@code prefix}; at least one must exist. */
    static EventLoopAllocation ofThreads(String prefix) {
        long[] ids = Thread.allStackTraces.keySet().findAll { it.name.startsWith(prefix) }*.id as long[]
        assert ids.length > 0: "no thread named $prefix*"
        new EventLoopAllocation(ids)
    }

    long allocatedSince() {
        total() - before
    }

    private long total() {
        THREADS.getThreadAllocatedBytes(ids).sum() as long
    }
}
