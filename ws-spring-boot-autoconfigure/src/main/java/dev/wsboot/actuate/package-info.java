/**
 * Actuator support for the WebSocket server: the health indicator, the {@code websocket} endpoint
 * and the auto-configuration that adds them when Spring Boot Actuator is present.
 */
@NullMarked
package dev.wsboot.actuate;

import org.jspecify.annotations.NullMarked;
