package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each complete message. Parameters, in any order: {@code long} client id,
 * {@code WsSession}, and one message parameter: {@code String} for text, {@code byte[]} or
 * {@code ByteBuffer} for binary, or any other type, read from a text message as JSON. A controller
 * may have one text and one binary method.
 *
 * <p>The return value is sent to the sender: a {@code String} as text, {@code byte[]} or
 * {@code ByteBuffer} as binary, any other object as JSON text; {@code void} or {@code null} sends
 * nothing.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnMessage {

}
