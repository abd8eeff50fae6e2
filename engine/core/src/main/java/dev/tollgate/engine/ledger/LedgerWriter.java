package dev.tollgate.engine.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes ledger rows off the request path: {@link #submit} only queues; a thread of its own writes
 * what has queued once per flush interval (sooner when a batch is full), each batch in one
 * transaction. {@link #close} writes everything still queued. After {@code kill -9} at most the
 * last interval's rows are missing, and never part of a row.
 */
public final class LedgerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);
    private static final int BATCH = 500;

    private final Ledger ledger;
    private final long intervalNanos;
    private final LinkedBlockingQueue<LedgerEntry> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    public LedgerWriter(Ledger ledger, Duration flushInterval) {
        this.ledger = ledger;
        this.intervalNanos = flushInterval.toNanos();
        this.thread = new Thread(this::run, "tollgate-ledger-writer");
        thread.setDaemon(true);
        thread.start();
    }

    public Ledger ledger() {
        return ledger;
    }

    public void submit(LedgerEntry entry) {
        queue.add(entry);
    }

    /** Rows queued and not yet written. */
    public int pending() {
        return queue.size();
    }

    private void run() {
        while (!closing) {
            long deadline = System.nanoTime() + intervalNanos;
            try {
                // Sleep through the interval unless a full batch is waiting.
                while (!closing && queue.size() < BATCH) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            flush();
        }
    }

    /** Writes what is queued now, a batch per transaction; a failed batch is logged and its rows retried at the next flush. */
    synchronized void flush() {
        List<LedgerEntry> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            try {
                ledger.write(batch);
            } catch (SQLException | RuntimeException e) {
                LOG.error("ledger: could not write {} rows to {}, keeping them for the next flush: {}", batch.size(),
                        ledger.database(), e.getMessage());
                // Put them back ahead of the rest so that nothing is lost while the database is away.
                List<LedgerEntry> rest = new ArrayList<>(batch);
                queue.drainTo(rest);
                queue.addAll(rest);
                return;
            }
            batch.clear();
        }
    }

    /** Writes everything queued, then closes the ledger. */
    @Override
    public void close() throws SQLException {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        if (!queue.isEmpty()) {
            LOG.error("ledger: {} rows could not be written at shutdown", queue.size());
        }
        ledger.close();
    }
}
