/**
 * Auto-configuration of the WebSocket server: {@code ws.*} properties, their mapping onto the
 * engine's configuration, customizers, the server factory and SSL bundles for wss://.
 */
@NullMarked
package dev.wsboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
