package dev.wsboot.annotation;

import java.nio.ByteBuffer;

import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;

/**
 * The message of an {@link OnMessage} method as it arrived: {@code String} for text,
 * {@code byte[]} or a {@code ByteBuffer} over it for binary.
 */
final class MessageArgumentResolver implements PayloadArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasMethodAnnotation(OnMessage.class) && isRaw(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
		return (parameter.getParameterType() == ByteBuffer.class) ? ByteBuffer.wrap((byte[]) payload) : payload;
	}

	static boolean isRaw(Class<?> type) {
		return type == String.class || isBinary(type);
	}

	static boolean isBinary(Class<?> type) {
		return type == byte[].class || type == ByteBuffer.class;
	}

}
