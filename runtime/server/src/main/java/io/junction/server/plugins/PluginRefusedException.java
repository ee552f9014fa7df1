package io.junction.server.plugins;

import java.lang.reflect.InvocationTargetException;

/** Thrown while loading a {@link PluginSet} when a plugin cannot be used; its message is the reason shown. */
final class PluginRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PluginRefusedException(String reason) {
        super(reason, null, false, false);
    }

    /** A one-line description of a failure: the exception and its innermost cause, without stack traces. */
    static String describe(Throwable failure) {
        Throwable top = unwrap(failure);
        Throwable root = top;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = oneLine(top);
        return root == top ? text : text + " (caused by " + oneLine(root) + ")";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(Throwable t) {
        if (t instanceof PluginRefusedException) {
            return t.getMessage();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getName() : t.getClass().getName() + ": " + message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
