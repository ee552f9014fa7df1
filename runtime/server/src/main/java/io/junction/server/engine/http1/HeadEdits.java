package io.junction.server.engine.http1;

import io.junction.core.edit.ForwardingFields;
import io.junction.core.edit.RequestEditor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a route's edits did to one head, collected for {@link HeadWriter}: a new path, the names of fields
 * to leave out and the fields to add after the kept ones, then the connection's forwarding lines when the
 * rule gave it some. Belongs to one exchange and is {@link #clear}ed between messages.
 */
public final class HeadEdits implements RequestEditor {

    private String path;
    private final List<String> removed = new ArrayList<>();
    /** Name, value, name, value... */
    private final List<String> added = new ArrayList<>();
    /** {@link ForwardingFields#connectionLines}, written after {@link #added}; null for none. */
    private byte[] forwardingLines;

    public void clear() {
        path = null;
        removed.clear();
        added.clear();
        forwardingLines = null;
    }

    /**
     * The forwarding fields as the connection's lines ({@link ForwardingFields#connectionLines}), written after the
     * added fields, then {@link ForwardingFields#FORWARDED_HOST} from the request's Host field: no String per request.
     */
    public void forwarding(byte[] connectionLines) {
        forwardingLines = connectionLines;
    }

    @Override
    public void path(String encodedPath) {
        path = encodedPath;
    }

    @Override
    public void set(String name, String value) {
        remove(name);
        add(name, value);
    }

    @Override
    public void add(String name, String value) {
        added.add(name);
        added.add(value);
    }

    @Override
    public void remove(String name) {
        removed.add(name);
        for (int i = added.size() - 2; i >= 0; i -= 2) {
            if (added.get(i).equalsIgnoreCase(name)) {
                added.remove(i + 1);
                added.remove(i);
            }
        }
    }

    /** The new path (percent-encoded), or null when the target stays as received. */
    public String path() {
        return path;
    }

    boolean drops(HeaderFields headers, int index) {
        // indexed: an iterator would be an object per field
        for (int i = 0; i < removed.size(); i++) {
            if (headers.nameIs(index, removed.get(i))) {
                return true;
            }
        }
        return false;
    }

    void writeAdded(ByteBuffer out) {
        for (int i = 0; i < added.size(); i += 2) {
            out.put(added.get(i).getBytes(StandardCharsets.US_ASCII)).put((byte) ':').put((byte) ' ')
                    .put(added.get(i + 1).getBytes(StandardCharsets.UTF_8)).put((byte) '\r').put((byte) '\n');
        }
    }

    /** The lines given to {@link #forwarding}, or null. */
    byte[] forwardingLines() {
        return forwardingLines;
    }
}
