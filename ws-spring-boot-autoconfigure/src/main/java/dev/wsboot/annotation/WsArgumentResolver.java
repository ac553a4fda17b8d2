package dev.wsboot.annotation;

import dev.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

/**
 * Produces an argument of a {@link WsController} handler method, in the style of Spring's
 * {@code HandlerMethodArgumentResolver}. Define a bean of this type to support a parameter type
 * of your own (a principal read from the session's attributes, a tenant); beans are consulted in
 * {@code @Order}, before the built-in resolvers of the client id, {@code WsSession}, the message,
 * {@code CloseStatus} and {@code Throwable}.
 *
 * <p>Threading: {@link #supportsParameter} is called once per parameter at startup, and the first
 * resolver that supports it serves that parameter for the life of the application, so no search
 * happens per message. {@link #resolveArgument} is then called on the handler threads: one at a
 * time for one session, concurrently for different sessions, so an implementation must be
 * thread-safe and should not block longer than the handler may.
 */
public interface WsArgumentResolver {

	/**
	 * Whether this resolver produces the parameter's argument. Inspect the parameter's type and
	 * annotations, and its method's event annotation ({@code parameter.hasMethodAnnotation(OnMessage.class)})
	 * where the argument exists for some events only.
	 */
	boolean supportsParameter(MethodParameter parameter);

	/**
	 * Produces the argument for one call.
	 * @param parameter the parameter, one this resolver supports
	 * @param session the session of the event
	 * @param payload the event's own value: the message ({@code String} for text, {@code byte[]} for
	 * binary) for {@link OnMessage}, the {@code CloseStatus} for {@link OnDisconnect}, the
	 * {@code Throwable} for {@link OnError}, null for {@link OnConnect}
	 * @return the argument; null only for a parameter of a reference type
	 * @throws Exception to fail this call: it goes through the controller's error policy, as an
	 * exception of the method itself would ({@link WsMessageConversionException} closes with 1003)
	 */
	@Nullable Object resolveArgument(MethodParameter parameter, WsSession session, @Nullable Object payload)
			throws Exception;

}
