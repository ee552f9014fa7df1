package io.junction.core.edit;

/** A request head an engine lets the edits change: its headers and its path. */
public interface RequestEditor extends HeaderEditor {

    /** Replaces the path of the request target (percent-encoded, starting with '/'); the query stays. */
    void path(String encodedPath);
}
