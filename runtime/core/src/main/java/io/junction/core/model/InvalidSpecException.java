package io.junction.core.model;

/**
 * A model record refused a value. The message is the one line an operator reads, without a
 * location: the DSL reports it at the {@code file:line:column} that wrote the value.
 */
public final class InvalidSpecException extends IllegalArgumentException {

    public InvalidSpecException(String message) {
        // the DSL turns this into a located problem; a Java stack trace would only add noise
        super(message, null);
    }
}
