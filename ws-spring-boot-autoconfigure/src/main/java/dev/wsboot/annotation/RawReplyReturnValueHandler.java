package dev.wsboot.annotation;

import java.nio.ByteBuffer;

import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;

import org.springframework.core.MethodParameter;

/**
 * {@code String} and {@link WsText} sent as text, {@code byte[]} and {@code ByteBuffer} as binary.
 * A returned array is not copied ({@link WsSession#sendBinaryWithoutCopy}).
 */
final class RawReplyReturnValueHandler implements WsReturnValueHandler {

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		return MessageArgumentResolver.isRaw(returnType.getParameterType());
	}

	@Override
	public void handleReturnValue(Object returnValue, MethodParameter returnType, WsSession session) {
		send(returnValue, session);
	}

	/** Sends a value of one of the raw types; false if it is of another type. */
	static boolean send(Object value, WsSession session) {
		if (value instanceof WsText text) {
			session.sendText(text);
		}
		else if (value instanceof String text) {
			session.sendText(text);
		}
		else if (value instanceof byte[] data) {
			// A returned array is handed over (the README says not to change it afterwards): sent where it lies.
			session.sendBinaryWithoutCopy(data);
		}
		else if (value instanceof ByteBuffer data) {
			session.sendBinary(data);
		}
		else {
			return false;
		}
		return true;
	}

}
