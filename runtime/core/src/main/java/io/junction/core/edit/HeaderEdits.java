package io.junction.core.edit;

import io.junction.core.model.Filter;

import java.util.List;

/** The header filters of one side (request or response), in route order. */
final class HeaderEdits {

    private final Filter.Header[] edits;

    HeaderEdits(List<Filter> filters, Filter.Header.Side side) {
        this.edits = filters.stream()
                .filter(filter -> filter instanceof Filter.Header header && header.side() == side)
                .toArray(Filter.Header[]::new);
    }

    boolean isEmpty() {
        return edits.length == 0;
    }

    void apply(HeaderEditor head) {
        for (Filter.Header edit : edits) {
            switch (edit.op()) {
                case SET -> head.set(edit.name(), edit.value());
                case ADD -> head.add(edit.name(), edit.value());
                case REMOVE -> head.remove(edit.name());
            }
        }
    }
}
