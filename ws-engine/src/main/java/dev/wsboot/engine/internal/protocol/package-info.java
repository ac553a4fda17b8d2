/**
 * Internal, not exported by the module {@code dev.wsboot.engine}, and free to change in any release:
 * the pure protocol code, bytes in and values out with no I/O. The frame decoder and encoder
 * (RFC 6455 §5), message assembly with its UTF-8 and size checks, the opening handshake's HTTP
 * parsing (§4), and permessage-deflate (RFC 7692).
 */
@NullMarked
package dev.wsboot.engine.internal.protocol;

import org.jspecify.annotations.NullMarked;
