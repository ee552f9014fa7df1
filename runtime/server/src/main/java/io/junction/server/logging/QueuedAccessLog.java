package io.junction.server.logging;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access log of a running server: {@link #record} only offers to a bounded queue (an I/O thread
 * never waits for a disk), and one thread, {@code junction-access-log}, formats and writes. When the
 * queue is full the record is dropped and counted ({@link #dropped()}), so a slow disk costs log lines,
 * never latency.
 */
public final class QueuedAccessLog implements AccessLog {

    private static final int BATCH = 256;

    private final BlockingQueue<AccessRecord> queue;
    private final AccessLogFormat format;
    private final Writer out;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    /** @param out where lines go; closed by {@link #close()} */
    public QueuedAccessLog(AccessLogFormat format, Writer out, int capacity) {
        this.format = format;
        this.out = out;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "junction-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void record(AccessRecord record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("access log: " + e.getMessage());
        }
    }

    private void drain() {
        List<AccessRecord> batch = new ArrayList<>(BATCH);
        try {
            while (!closing || !queue.isEmpty()) {
                AccessRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (AccessRecord record : batch) {
                    out.write(format.format(record));
                    out.write('\n');
                }
                batch.clear();
                // flush per batch: lines show up promptly, and a busy log still writes in blocks
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("access log stopped: " + e.getMessage());
        }
    }
}
