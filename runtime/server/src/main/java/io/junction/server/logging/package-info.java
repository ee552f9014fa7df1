/**
 * The access log: one {@link io.junction.server.logging.AccessRecord} per finished request, handed to an
 * {@link io.junction.server.logging.AccessLog} by whichever engine served it, and written off the I/O threads.
 */
package io.junction.server.logging;
