package dev.wsboot.annotation;

import dev.wsboot.engine.WsSession;

import org.springframework.core.MethodParameter;

/**
 * The error of an {@link OnError} method: a {@code Throwable} or a subtype, which then limits the
 * errors that reach the method.
 */
final class ErrorArgumentResolver implements PayloadArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasMethodAnnotation(OnError.class)
				&& Throwable.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
		return payload;
	}

}
