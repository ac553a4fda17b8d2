/**
 * Internal, not exported by the module {@code dev.wsboot.engine}, and free to change in any release:
 * what joins the protocol to the transport behind the public API. The server core, handshake
 * processing and endpoint selection, sessions and their registry, and the counters behind the
 * statistics views.
 */
@NullMarked
package dev.wsboot.engine.internal.session;

import org.jspecify.annotations.NullMarked;
