package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when another method of the controller threw, or a message could not be converted to
 * the {@link OnMessage} parameter type. Parameters, in any order: the client id
 * ({@code @ClientId long}, or a bare {@code long} as shorthand), {@code WsSession},
 * {@code Throwable} (or a subtype; other errors then go unhandled), and any type a
 * {@link WsArgumentResolver} bean supports. Returns void. The session stays open unless this method closes it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnError {

}
