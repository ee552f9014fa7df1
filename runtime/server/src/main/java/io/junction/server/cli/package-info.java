/** The {@code junction} command line (picocli): demo, run, check, version. */
package io.junction.server.cli;
