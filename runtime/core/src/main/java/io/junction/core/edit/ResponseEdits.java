package io.junction.core.edit;

import io.junction.core.model.Filter;

import java.util.List;

/** A route's response header filters, compiled once; applied to each response head before it goes to the client. */
public final class ResponseEdits {

    public static final ResponseEdits NONE = new ResponseEdits(List.of());

    private final HeaderEdits headers;

    private ResponseEdits(List<Filter> filters) {
        this.headers = new HeaderEdits(filters, Filter.Header.Side.RESPONSE);
    }

    public static ResponseEdits of(List<Filter> filters) {
        return new ResponseEdits(filters);
    }

    public boolean isEmpty() {
        return headers.isEmpty();
    }

    public void apply(HeaderEditor head) {
        headers.apply(head);
    }
}
