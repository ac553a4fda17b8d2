/**
 * The engine's public API, the only package its module exports: {@link dev.wsboot.engine.WsServer}
 * and its configuration, the {@link dev.wsboot.engine.WsHandler} SPI with its threading contract,
 * {@link dev.wsboot.engine.WsSession}, close statuses and the read-only statistics views.
 * <p>
 * Types are non-null unless marked {@link org.jspecify.annotations.Nullable @Nullable}.
 */
@NullMarked
package dev.wsboot.engine;

import org.jspecify.annotations.NullMarked;
