package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each complete message. Parameters, in any order: the client id
 * ({@code @ClientId long}, or a bare {@code long} as shorthand), {@code WsSession}, any type a
 * {@link WsArgumentResolver} bean supports, and one message parameter: {@code String} for text,
 * {@code byte[]} or {@code ByteBuffer} for binary, or any other type, read from a text message as
 * JSON. A controller may have one text and one binary method.
 *
 * <p>The return value is sent to the sender: a type a {@link WsReturnValueHandler} bean supports as
 * that handler sends it, a {@code String} as text, {@code byte[]} or {@code ByteBuffer} as binary,
 * any other object as JSON text; {@code void} or {@code null} sends nothing. The handler is chosen
 * by the declared return type, once at startup.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnMessage {

}
