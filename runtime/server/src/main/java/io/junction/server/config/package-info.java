/**
 * Process settings: {@link io.junction.server.config.JunctionSettings}, read from {@code -D}, the
 * environment, {@code junction.properties} and the defaults, validated once, all problems at once.
 */
package io.junction.server.config;
