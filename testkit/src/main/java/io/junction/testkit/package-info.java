/**
 * Route specs without a server: {@link io.junction.testkit.Routes#load} compiles a conf dir offline (no
 * sockets, no plugins) and {@link io.junction.testkit.Routes#resolve} tells what Junction would do with a
 * {@link io.junction.testkit.TestRequest}, by the same rules the engines apply.
 */
package io.junction.testkit;
