package dev.wsboot.annotation;

import java.nio.ByteBuffer;

import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;

import org.springframework.core.MethodParameter;

/**
 * The message of an {@link OnMessage} method as it arrived: {@link WsText} (its UTF-8 bytes) or
 * {@code String} (decoded from them, only for such a parameter) for text, {@code byte[]} or a
 * {@code ByteBuffer} over it for binary.
 */
final class MessageArgumentResolver implements PayloadArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasMethodAnnotation(OnMessage.class) && isRaw(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
		Class<?> type = parameter.getParameterType();
		if (type == String.class) {
			return payload.toString();
		}
		return (type == ByteBuffer.class) ? ByteBuffer.wrap((byte[]) payload) : payload;
	}

	static boolean isRaw(Class<?> type) {
		return type == String.class || type == WsText.class || isBinary(type);
	}

	static boolean isBinary(Class<?> type) {
		return type == byte[].class || type == ByteBuffer.class;
	}

}
