/**
 * Internal, not exported by the module {@code dev.wsboot.engine}, and free to change in any release:
 * the java.nio transport. The acceptor, the selector loops with their timers, per-connection read
 * and write queues, and the plain and TLS transports under them.
 */
@NullMarked
package dev.wsboot.engine.internal.transport;

import org.jspecify.annotations.NullMarked;
