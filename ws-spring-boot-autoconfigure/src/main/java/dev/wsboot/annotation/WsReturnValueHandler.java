package dev.wsboot.annotation;

import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;

/**
 * Sends what an {@link OnMessage} method returned, in the style of Spring's
 * {@code HandlerMethodReturnValueHandler}. Define a bean of this type to reply with a type of your
 * own (an envelope, a protobuf message); beans are consulted in {@code @Order}, before the built-in
 * handlers: nothing for {@code void}, {@code String} as text, {@code byte[]} and {@code ByteBuffer}
 * as binary, any other object as JSON text.
 *
 * <p>Threading: {@link #supportsReturnType} is called once per method at startup, and the first
 * handler that supports the return type serves that method for the life of the application.
 * {@link #handleReturnValue} is then called on the handler threads: one at a time for one session,
 * concurrently for different sessions, so an implementation must be thread-safe. It is never called
 * with null: a method that returns null sends nothing.
 */
public interface WsReturnValueHandler {

	/**
	 * Whether this handler sends values of the method's declared return type.
	 * @param returnType the return type, as {@code MethodParameter.forExecutable(method, -1)}
	 */
	boolean supportsReturnType(MethodParameter returnType);

	/**
	 * Sends one return value, usually to the session that sent the message.
	 * @param returnValue what the method returned, never null
	 * @throws Exception to fail this reply: it goes through the controller's error policy
	 */
	void handleReturnValue(Object returnValue, MethodParameter returnType, WsSession session) throws Exception;

}
