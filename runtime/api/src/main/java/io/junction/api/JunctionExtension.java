package io.junction.api;

import org.pf4j.ExtensionPoint;

/**
 * An extension with a stable id: the common super-interface of Junction's extension points. Scripts name an
 * extension by its id ({@code balance 'round-robin'}), and the server keeps one catalog of them by kind and id.
 */
public interface JunctionExtension extends ExtensionPoint {

    /** Stable id used in scripts, e.g. {@code round-robin}: lower-case words joined by '-', unique within its kind. */
    String id();
}
