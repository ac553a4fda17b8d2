package dev.wsboot.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * A parameter (or, at index -1, the return type) of a handler method whose method annotations are
 * found as the event annotations were found: on the method, on what it overrides and as
 * meta-annotations, so {@code hasMethodAnnotation(OnMessage.class)} answers for every handler.
 */
final class HandlerMethodParameter extends MethodParameter {

	HandlerMethodParameter(Method method, int index) {
		super(method, index);
	}

	private HandlerMethodParameter(HandlerMethodParameter original) {
		super(original);
	}

	@Override
	public <A extends Annotation> A getMethodAnnotation(Class<A> annotationType) {
		return AnnotatedElementUtils.findMergedAnnotation(getExecutable(), annotationType);
	}

	@Override
	public <A extends Annotation> boolean hasMethodAnnotation(Class<A> annotationType) {
		return AnnotatedElementUtils.hasAnnotation(getExecutable(), annotationType);
	}

	@Override
	public HandlerMethodParameter clone() {
		return new HandlerMethodParameter(this);
	}

}
