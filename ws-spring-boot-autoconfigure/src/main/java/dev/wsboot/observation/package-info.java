/**
 * Micrometer observations of the WebSocket server: one per connection, from the open to the
 * close, continuing the trace of the upgrade request, and optionally one per message.
 */
@NullMarked
package dev.wsboot.observation;

import org.jspecify.annotations.NullMarked;
