/**
 * TLS rules that need no socket: reading certificates and keys from the files a script names
 * ({@link io.junction.core.tls.CertificateFiles}) and choosing a certificate for a server name
 * ({@link io.junction.core.tls.ServerNames}). The server's TLS code adapts them to the JDK's key managers.
 */
package io.junction.core.tls;
