package io.junction.core.forward;

/**
 * Why Junction, not a backend, answers a forwarded request: the status the client gets and the error type of the
 * {@code Proxy-Status} field (RFC 9209) that goes with it. The one owner of that mapping; engines write
 * {@link #FIELD}: {@link #fieldValue()} on every such answer.
 * <p>
 * The field names Junction and the error type only: no {@code next-hop} and no {@code details}, because backend ids
 * are internal addresses and the field goes to any client. The body names the pool; the backend is in the logs.
 */
public enum ProxyError {

    /** Every backend tried refused the connection (or reset it before it was established). */
    CONNECTION_REFUSED(502, "connection_refused"),
    /** The last backend tried did not accept the connection within the connect timeout. */
    CONNECTION_TIMEOUT(504, "connection_timeout"),
    /** The last backend tried has a host name that does not resolve. */
    DNS_ERROR(502, "dns_error"),
    /** The backend did not start its response within the response timeout. */
    HTTP_RESPONSE_TIMEOUT(504, "http_response_timeout"),
    /** The backend closed or reset the connection before its response head was complete. */
    HTTP_RESPONSE_INCOMPLETE(502, "http_response_incomplete"),
    /** The backend's response head is not valid HTTP/1.1, or its framing is ambiguous. */
    HTTP_PROTOCOL_ERROR(502, "http_protocol_error"),
    /** No backend of the pool may take requests (all down, ejected or drained). */
    DESTINATION_UNAVAILABLE(503, "destination_unavailable"),
    /** Every backend the request may use is at its connection limit and the pool's queue is full or timed out. */
    CONNECTION_LIMIT_REACHED(503, "connection_limit_reached"),
    /** The pool has no backend to try at all. */
    DESTINATION_NOT_FOUND(502, "destination_not_found");

    /** The response field's name. */
    public static final String FIELD = "Proxy-Status";
    /** How Junction names itself in the field: an RFC 8941 token. */
    public static final String PROXY_NAME = "junction";

    private final int status;
    private final String type;
    private final String fieldValue;

    ProxyError(int status, String type) {
        this.status = status;
        this.type = type;
        this.fieldValue = PROXY_NAME + "; error=" + type;
    }

    /** The status of Junction's answer. */
    public int status() {
        return status;
    }

    /** The RFC 9209 error type, e.g. {@code connection_refused}. */
    public String type() {
        return type;
    }

    /** The {@code Proxy-Status} field value, e.g. {@code junction; error=connection_refused}. */
    public String fieldValue() {
        return fieldValue;
    }
}
