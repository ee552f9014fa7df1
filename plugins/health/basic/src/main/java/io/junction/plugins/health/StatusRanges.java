package io.junction.plugins.health;

import java.util.ArrayList;
import java.util.List;

/** Expected HTTP statuses written as {@code 200-399} or {@code 200,204,300-302}. */
final class StatusRanges {

    private final String text;
    private final List<int[]> ranges;

    private StatusRanges(String text, List<int[]> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException when a part is not a status or a range of them */
    static StatusRanges parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] bounds = part.trim().split("-", -1);
            try {
                int low = status(bounds[0]);
                int high = bounds.length == 2 ? status(bounds[1]) : low;
                if (bounds.length > 2 || high < low) {
                    throw new NumberFormatException();
                }
                ranges.add(new int[]{low, high});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option 'status': '" + part.trim()
                        + "' is not a status (100..599) or a range such as 200-399");
            }
        }
        return new StatusRanges(text, List.copyOf(ranges));
    }

    private static int status(String text) {
        int status = Integer.parseInt(text.trim());
        if (status < 100 || status > 599) {
            throw new NumberFormatException();
        }
        return status;
    }

    boolean contains(int status) {
        return ranges.stream().anyMatch(range -> status >= range[0] && status <= range[1]);
    }

    @Override
    public String toString() {
        return text;
    }
}
