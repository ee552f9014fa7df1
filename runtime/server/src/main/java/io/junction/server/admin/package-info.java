/**
 * The admin listener: its own small Undertow server (loopback by default) with the status API, Prometheus
 * metrics, reload, backend state changes and the dashboard. Never reachable through a public listener.
 */
package io.junction.server.admin;
