package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the handler method parameter that receives the client id, the {@code long} that
 * {@code WsBroadcaster} and {@code WsSession.id()} use: {@code void joined(@ClientId long id)}.
 *
 * <p>A {@code long} (or {@code Long}) parameter without any annotation is the documented shorthand
 * for the same, unless a user's {@link WsArgumentResolver} claims it first; a method has at most one
 * client id parameter. The annotation on a parameter of another type fails at startup.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ClientId {

}
