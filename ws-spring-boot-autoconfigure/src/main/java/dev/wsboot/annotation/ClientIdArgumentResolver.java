package dev.wsboot.annotation;

import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;

/**
 * The client id: a {@code long} or {@code Long} parameter, with {@link ClientId} or, as the
 * documented shorthand, without it.
 */
final class ClientIdArgumentResolver implements WsArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return isLong(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
		return session.id();
	}

	static boolean isLong(Class<?> type) {
		return type == long.class || type == Long.class;
	}

}
