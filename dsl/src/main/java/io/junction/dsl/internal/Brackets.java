package io.junction.dsl.internal;

import io.junction.core.model.SourceLocation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Finds the bracket a script left open, so a syntax error can point at the line where it was opened. Strings,
 * comments and {@code ~/regex/} are skipped. Brackets are left open when a closing one skips them (a {@code )} meets
 * an open {@code [}, but a {@code (} is open further out), or when a {@code }} that starts its line closes a bracket
 * opened on a line indented differently while an outer one was opened on a line indented as the {@code }} is: the
 * first bracket so skipped is the one reported, else the innermost one still open at the end.
 */
final class Brackets {

    private record Open(char bracket, int line, int column, int indent) {
    }

    private Brackets() {
    }

    static Optional<SourceLocation> unclosed(String file, List<String> lines) {
        Deque<Open> open = new ArrayDeque<>();
        Open suspect = null;
        String quote = null;
        boolean blockComment = false;
        for (int l = 0; l < lines.size(); l++) {
            String text = lines.get(l);
            int indent = indent(text);
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                if (blockComment) {
                    if (text.startsWith("*/", c)) {
                        blockComment = false;
                        c++;
                    }
                } else if (quote != null) {
                    if (ch == '\\') {
                        c++;
                    } else if (text.startsWith(quote, c)) {
                        c += quote.length() - 1;
                        quote = null;
                    }
                } else if (text.startsWith("//", c)) {
                    break;
                } else if (text.startsWith("/*", c)) {
                    blockComment = true;
                    c++;
                } else if (text.startsWith("'''", c) || text.startsWith("\"\"\"", c)) {
                    quote = text.substring(c, c + 3);
                    c += 2;
                } else if (ch == '\'' || ch == '"') {
                    quote = String.valueOf(ch);
                } else if (text.startsWith("~/", c)) {
                    quote = "/";
                    c++;
                } else if (ch == '{' || ch == '(' || ch == '[') {
                    open.push(new Open(ch, l + 1, c + 1, indent));
                } else if ((ch == '}' || ch == ')' || ch == ']') && !open.isEmpty()) {
                    if (ch == '}' && c == indent && open.peek().indent() != indent && hasIndent(open, indent)) {
                        while (open.peek().indent() != indent) {
                            Open left = open.pop();
                            suspect = suspect == null ? left : suspect;
                        }
                    }
                    if (closing(open.peek().bracket()) != ch && open.stream().anyMatch(o -> closing(o.bracket()) == ch)) {
                        while (closing(open.peek().bracket()) != ch) {
                            Open left = open.pop();
                            suspect = suspect == null ? left : suspect;
                        }
                    }
                    if (closing(open.peek().bracket()) == ch) {
                        open.pop();
                    }
                }
            }
            if (quote != null && quote.length() == 1) {
                // one-quote strings and regexes end with their line
                quote = null;
            }
        }
        Open unclosed = suspect != null ? suspect : open.peek();
        return Optional.ofNullable(unclosed).map(o -> new SourceLocation(file, o.line(), o.column()));
    }

    static char closing(char bracket) {
        return bracket == '{' ? '}' : bracket == '(' ? ')' : ']';
    }

    private static boolean hasIndent(Deque<Open> open, int indent) {
        return open.stream().anyMatch(o -> o.indent() == indent && o.bracket() == '{');
    }

    private static int indent(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
