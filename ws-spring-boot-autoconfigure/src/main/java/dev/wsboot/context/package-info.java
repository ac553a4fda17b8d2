/**
 * The server's place in the application context: its {@code SmartLifecycle}, started and stopped
 * events, the {@code local.ws.port} property with {@code @LocalWsPort}, and the failure analysis
 * of a port in use.
 */
@NullMarked
package dev.wsboot.context;

import org.jspecify.annotations.NullMarked;
