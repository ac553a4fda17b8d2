package dev.wsboot.annotation;

import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;

/** {@code void}: nothing to send. */
final class NoReplyReturnValueHandler implements WsReturnValueHandler {

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		Class<?> type = returnType.getParameterType();
		return type == void.class || type == Void.class;
	}

	@Override
	public void handleReturnValue(Object returnValue, MethodParameter returnType, WsSession session) {
	}

}
