package dev.wsboot.annotation;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;

/** The {@link CloseStatus} of an {@link OnDisconnect} method. */
final class CloseStatusArgumentResolver implements PayloadArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasMethodAnnotation(OnDisconnect.class) && parameter.getParameterType() == CloseStatus.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
		return payload;
	}

}
