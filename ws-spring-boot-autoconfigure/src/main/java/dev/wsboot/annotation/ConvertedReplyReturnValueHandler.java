package dev.wsboot.annotation;

import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;

/**
 * Any other declared type: written as text by the {@link WsMessageConverter}, straight to UTF-8
 * bytes that are sent as they are. A value that turns out to be a {@code String}, {@link WsText},
 * {@code byte[]} or {@code ByteBuffer} (from a method declared to return {@code Object}) is sent
 * as it is, as the raw types are.
 */
final class ConvertedReplyReturnValueHandler implements WsReturnValueHandler {

	private final WsMessageConverter converter;

	ConvertedReplyReturnValueHandler(WsMessageConverter converter) {
		this.converter = converter;
	}

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		return true;
	}

	/** @throws WsMessageConversionException if the value cannot be written */
	@Override
	public void handleReturnValue(Object returnValue, MethodParameter returnType, WsSession session) {
		if (!RawReplyReturnValueHandler.send(returnValue, session)) {
			session.sendText(this.converter.writeText(returnValue));
		}
	}

}
