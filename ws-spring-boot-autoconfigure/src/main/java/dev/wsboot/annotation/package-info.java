/**
 * Annotated controllers: {@code @WsController} beans whose {@code @OnConnect}, {@code @OnMessage},
 * {@code @OnDisconnect} and {@code @OnError} methods become engine endpoints, with argument
 * resolution chosen once per parameter and message conversion.
 */
@NullMarked
package dev.wsboot.annotation;

import org.jspecify.annotations.NullMarked;
