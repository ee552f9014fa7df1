/**
 * Byte-level HTTP/1.1 parsing for Junction's own engine: request and response heads, chunked
 * bodies. JDK only, no sockets and no threads, so every rule can be tested offline down to one
 * byte per read.
 *
 * <p>The parsers are strict on purpose (RFC 9112, no "be liberal in what you accept"): a proxy
 * that reads a message differently from the server behind it can be made to smuggle a second
 * request past its own rules. So anything with two readings (obs-fold, bare CR or LF, Content-Length
 * next to Transfer-Encoding, duplicate or odd Content-Length, codings other than {@code chunked})
 * is an error that closes the connection, never a guess.
 *
 * <p>One parser per connection, {@code reset()} between messages: heads are copied once into a
 * reusable array and read through offsets, so a steady stream of requests allocates nothing.
 */
package io.junction.server.engine.http1;
