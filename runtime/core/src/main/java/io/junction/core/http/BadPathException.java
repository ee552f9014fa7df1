package io.junction.core.http;

/** A request path no normalisation can make safe: answered 400, and the message says why. */
public final class BadPathException extends IllegalArgumentException {

    BadPathException(String message) {
        super(message, null);
    }
}
