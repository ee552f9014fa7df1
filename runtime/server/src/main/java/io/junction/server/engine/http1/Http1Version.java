package io.junction.server.engine.http1;

/** The two HTTP versions this engine speaks; anything else is refused while parsing. */
public enum Http1Version {
    HTTP_1_0,
    HTTP_1_1
}
