package io.junction.server.http;

import io.junction.core.edit.HeaderEditor;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/** The edits' view of an Undertow header map (request or response). */
class HeaderMapEditor implements HeaderEditor {

    private final HeaderMap headers;

    HeaderMapEditor(HeaderMap headers) {
        this.headers = headers;
    }

    @Override
    public void set(String name, String value) {
        headers.put(HttpString.tryFromString(name), value);
    }

    @Override
    public void add(String name, String value) {
        headers.add(HttpString.tryFromString(name), value);
    }

    @Override
    public void remove(String name) {
        headers.remove(name);
    }
}
