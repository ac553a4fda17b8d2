package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a client's connection closed, for whatever reason. Parameters, in any order:
 * the client id ({@code @ClientId long}, or a bare {@code long} as shorthand), {@code WsSession},
 * {@code CloseStatus}, and any type a {@link WsArgumentResolver} bean supports. Returns void.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnDisconnect {

}
