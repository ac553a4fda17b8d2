package dev.wsboot.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Reads a {@link WsController} bean into a {@link ControllerDescriptor}: its path, and each method
 * with its one event annotation. Signatures are checked later, when the resolvers are chosen.
 */
final class ControllerScanner {

	private static final List<Class<? extends Annotation>> EVENTS = List.of(OnConnect.class, OnMessage.class,
			OnDisconnect.class, OnError.class);

	private ControllerScanner() {
	}

	static ControllerDescriptor scan(String beanName, Object bean, Class<?> targetClass) {
		WsController controller = AnnotatedElementUtils.findMergedAnnotation(targetClass, WsController.class);
		String path = controller.path();
		if (path.isEmpty() || !path.startsWith("/")) {
			throw new WsControllerDefinitionException("@WsController on " + targetClass.getName()
					+ " needs a path starting with '/', such as @WsController(\"/chat\"), not '" + path + "'");
		}
		Map<Method, Class<? extends Annotation>> methods = new LinkedHashMap<>();
		eventMethods(targetClass)
			.forEach((method, event) -> methods.put(AopUtils.selectInvocableMethod(method, bean.getClass()), event));
		return new ControllerDescriptor(beanName, bean, targetClass, path, List.of(controller.subprotocols()),
				controller.subprotocolRequired(), controller.blocking(), methods);
	}

	/** The controller's event methods, each with its event annotation; also read ahead of time for hints. */
	static Map<Method, Class<? extends Annotation>> eventMethods(Class<?> targetClass) {
		return MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Class<? extends Annotation>>) ControllerScanner::eventOf);
	}

	private static Class<? extends Annotation> eventOf(Method method) {
		Class<? extends Annotation> found = null;
		for (Class<? extends Annotation> event : EVENTS) {
			if (AnnotatedElementUtils.hasAnnotation(method, event)) {
				if (found != null) {
					throw new WsControllerDefinitionException(HandlerMethod.describe(method) + " has both @"
							+ found.getSimpleName() + " and @" + event.getSimpleName() + "; use one per method");
				}
				found = event;
			}
		}
		return found;
	}

}
