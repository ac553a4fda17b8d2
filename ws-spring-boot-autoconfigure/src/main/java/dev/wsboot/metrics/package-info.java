/**
 * Micrometer metrics of the WebSocket server: connection, message and byte counters per endpoint,
 * and timers of controller methods.
 */
@NullMarked
package dev.wsboot.metrics;

import org.jspecify.annotations.NullMarked;
