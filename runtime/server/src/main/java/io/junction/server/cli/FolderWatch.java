package io.junction.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code junction run --watch}: calls back once a change in the watched folders has settled (no further change
 * for the quiet time), so an editor's save of several files, or a copy of many, is one reload, not several.
 * Folders that do not exist are skipped.
 */
final class FolderWatch implements AutoCloseable {

    private final WatchService service;
    private final Thread thread;

    private FolderWatch(WatchService service, Duration quiet, Runnable changed) {
        this.service = service;
        this.thread = new Thread(() -> watch(quiet, changed), "junction-watch");
        thread.setDaemon(true);
    }

    static FolderWatch start(List<Path> folders, Duration quiet, Runnable changed) {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            for (Path folder : folders) {
                if (Files.isDirectory(folder)) {
                    folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
            FolderWatch watch = new FolderWatch(service, quiet, changed);
            watch.thread.start();
            return watch;
        } catch (IOException e) {
            throw new UncheckedIOException("--watch: cannot watch " + folders + ": " + e.getMessage(), e);
        }
    }

    private void watch(Duration quiet, Runnable changed) {
        try {
            while (true) {
                consume(service.take());
                // debounce: wait until the folders have been quiet for a while
                WatchKey more;
                while ((more = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    consume(more);
                }
                changed.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed: the process is stopping
        }
    }

    private static void consume(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing is left to watch either way
        }
    }
}
