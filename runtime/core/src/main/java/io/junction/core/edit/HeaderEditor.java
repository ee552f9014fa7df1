package io.junction.core.edit;

/** What an engine lets the edits do to a message head it is about to write. Names are case-insensitive. */
public interface HeaderEditor {

    /** Replaces every field named {@code name} by one with {@code value}. */
    void set(String name, String value);

    /** Adds a field, keeping those already there. */
    void add(String name, String value);

    /** Removes every field named {@code name}. */
    void remove(String name);
}
