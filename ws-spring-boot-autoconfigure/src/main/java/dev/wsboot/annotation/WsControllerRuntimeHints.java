package dev.wsboot.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Ahead-of-time hints for {@code @WsController} beans, so that a native image can call their
 * event methods (they are invoked reflectively) and convert their message types (Jackson binds
 * records and beans reflectively). Registered in {@code META-INF/spring/aot.factories}.
 */
class WsControllerRuntimeHints implements BeanRegistrationAotProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
		Class<?> type = bean.getBeanClass();
		if (!AnnotatedElementUtils.hasAnnotation(type, WsController.class)) {
			return null;
		}
		return (generationContext, code) -> register(generationContext.getRuntimeHints(), type);
	}

	/** Hints for one controller class: each event method, and the types its messages bind to. */
	void register(RuntimeHints hints, Class<?> controller) {
		for (Method method : ControllerScanner.eventMethods(controller).keySet()) {
			hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
			for (Type parameter : method.getGenericParameterTypes()) {
				registerBinding(hints, parameter);
			}
			registerBinding(hints, method.getGenericReturnType());
		}
	}

	/**
	 * Application types are bound by the message converter; the engine's, the JDK's and Spring's
	 * own (sessions, strings, close statuses) are not, and need no binding hints.
	 */
	private void registerBinding(RuntimeHints hints, Type type) {
		if (type instanceof Class<?> raw && (raw.isPrimitive() || isFrameworkType(raw))) {
			return;
		}
		this.bindings.registerReflectionHints(hints.reflection(), type);
	}

	private static boolean isFrameworkType(Class<?> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("dev.wsboot.engine.") || name.startsWith("org.springframework.")
				|| type.isArray() && type.getComponentType().isPrimitive();
	}

}
