package io.junction.core.model;

/**
 * Where in a routing script something was declared; printed as {@code file:line:column}, or just
 * {@code file} when there is no line (a folder, a whole file).
 */
public record SourceLocation(String file, int line, int column) {

    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, 0);

    /** A problem with a folder or file as a whole. */
    public static SourceLocation of(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 && column == 0 ? file : file + ":" + line + ":" + column;
    }
}
