/**
 * Who the client is, through Spring Security: handshakes authenticated by a one-time ticket, a
 * bearer token in the Authorization header or in a subprotocol, refused with 401 or 403 by path
 * rules, and the principal on the session and in the security context of every handler call.
 */
@NullMarked
package dev.wsboot.security;

import org.jspecify.annotations.NullMarked;
