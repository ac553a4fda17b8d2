package dev.wsboot.annotation;

import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;

/** The {@link WsSession} of the event. */
final class SessionArgumentResolver implements WsArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == WsSession.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
		return session;
	}

}
