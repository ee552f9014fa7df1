package io.junction.dsl.internal;

import io.junction.core.model.SourceLocation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One routing script: its name as given (the stack-frame file name of its compiled classes) and
 * its lines, to turn a call stack into {@code file:line:column}.
 */
record ScriptFile(String name, List<String> lines) {

    static ScriptFile of(String name, String text) {
        return new ScriptFile(name, text.lines().toList());
    }

    /** Where the script called the DSL word that is executing now. */
    SourceLocation callSite(String word) {
        int line = StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> name.equals(frame.getFileName()))
                .findFirst()
                .map(StackWalker.StackFrame::getLineNumber)
                .orElse(0));
        return at(line, word);
    }

    /** Where the script was when {@code failure} was thrown; {@code word} (may be null) names what it was calling. */
    SourceLocation failureSite(Throwable failure, String word) {
        int line = Arrays.stream(failure.getStackTrace())
                .filter(frame -> name.equals(frame.getFileName()))
                .findFirst()
                .map(StackTraceElement::getLineNumber)
                .orElse(0);
        return at(line, word);
    }

    /**
     * The line's column of {@code word} as a whole identifier, else its first non-blank column.
     * Only the line is known from a stack frame, and the word is what an operator looks for.
     */
    SourceLocation at(int line, String word) {
        if (line < 1 || line > lines.size()) {
            return new SourceLocation(name, line, 0);
        }
        String text = lines.get(line - 1);
        return new SourceLocation(name, line, wordColumn(text, word).orElse(firstNonBlankColumn(text)));
    }

    /** Whether a position is after the last character of the script, as for a block never closed. */
    boolean isPastEnd(int line, int column) {
        return line > lines.size() || line == lines.size() && column > lines.get(line - 1).length();
    }

    /** The text with every line before {@code line} emptied, so positions after it stay the same. */
    String textFrom(int line) {
        StringBuilder text = new StringBuilder("\n".repeat(line - 1));
        lines.subList(line - 1, lines.size()).forEach(rest -> text.append(rest).append('\n'));
        return text.toString();
    }

    /**
     * Where parsing can resume after a syntax error at {@code error}: the next line that starts a
     * top-level statement (an identifier in column 1). When the error is at such a start, the
     * statement before it was left open, so parsing resumes at that very line.
     */
    Optional<Integer> resumeAfter(SourceLocation error) {
        int first = error.column() == 1 ? error.line() : error.line() + 1;
        for (int line = Math.max(first, 1); line <= lines.size(); line++) {
            String text = lines.get(line - 1);
            if (!text.isEmpty() && Character.isJavaIdentifierStart(text.charAt(0))) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> wordColumn(String text, String word) {
        if (word == null) {
            return Optional.empty();
        }
        Matcher matcher = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])").matcher(text);
        return matcher.find() ? Optional.of(matcher.start() + 1) : Optional.empty();
    }

    private static int firstNonBlankColumn(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return 1;
    }
}
