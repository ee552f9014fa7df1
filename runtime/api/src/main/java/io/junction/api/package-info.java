/**
 * Junction's plugin API: the extension points a plugin implements and the read-only views it is
 * handed. No Undertow, XNIO or Groovy type appears here; this is the only thing a plugin compiles against.
 */
package io.junction.api;
