package dev.wsboot.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.WsSession;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Reads a {@link WsController}'s annotated methods into a {@link ControllerEndpoint}, checking every
 * signature and choosing each parameter's resolver once. Every mistake is reported with the class
 * and method.
 */
final class ControllerScanner {

	private static final List<Class<? extends Annotation>> EVENTS = List.of(OnConnect.class, OnMessage.class,
			OnDisconnect.class, OnError.class);

	private final Supplier<@Nullable WsMessageConverter> converter;

	/**
	 * @param converter the converter for JSON parameters and return values, or null if there is none
	 */
	ControllerScanner(Supplier<@Nullable WsMessageConverter> converter) {
		this.converter = converter;
	}

	ControllerEndpoint scan(Object bean, Class<?> targetClass) {
		WsController controller = AnnotatedElementUtils.findMergedAnnotation(targetClass, WsController.class);
		String path = controller.path();
		if (path.isEmpty() || !path.startsWith("/")) {
			throw new WsControllerDefinitionException("@WsController on " + targetClass.getName()
					+ " needs a path starting with '/', such as @WsController(\"/chat\"), not '" + path + "'");
		}
		Map<Method, Class<? extends Annotation>> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Class<? extends Annotation>>) (method) -> eventOf(method));
		@Nullable HandlerMethod connect = null;
		@Nullable HandlerMethod text = null;
		@Nullable HandlerMethod binary = null;
		@Nullable HandlerMethod disconnect = null;
		@Nullable HandlerMethod error = null;
		for (Map.Entry<Method, Class<? extends Annotation>> entry : methods.entrySet()) {
			Method method = AopUtils.selectInvocableMethod(entry.getKey(), bean.getClass());
			Class<? extends Annotation> event = entry.getValue();
			if (event == OnConnect.class) {
				connect = only(connect, build(bean, method, event), "@OnConnect");
			}
			else if (event == OnMessage.class) {
				HandlerMethod handler = build(bean, method, event);
				if (handler.isBinary()) {
					binary = only(binary, handler, "binary @OnMessage");
				}
				else {
					text = only(text, handler, "text @OnMessage");
				}
			}
			else if (event == OnDisconnect.class) {
				disconnect = only(disconnect, build(bean, method, event), "@OnDisconnect");
			}
			else {
				error = only(error, build(bean, method, event), "@OnError");
			}
		}
		return new ControllerEndpoint(path, List.of(controller.subprotocols()), controller.subprotocolRequired(),
				targetClass, connect, text, binary, disconnect, error);
	}

	private static @Nullable Class<? extends Annotation> eventOf(Method method) {
		@Nullable Class<? extends Annotation> found = null;
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

	private static HandlerMethod only(@Nullable HandlerMethod existing, HandlerMethod candidate, String what) {
		if (existing != null) {
			throw new WsControllerDefinitionException("Two " + what + " methods: " + existing + " and " + candidate
					+ "; a controller has at most one");
		}
		return candidate;
	}

	private HandlerMethod build(Object bean, Method method, Class<? extends Annotation> event) {
		if (event != OnMessage.class && method.getReturnType() != void.class) {
			throw fail(method, "@" + event.getSimpleName() + " methods must return void");
		}
		Parameter[] parameters = method.getParameters();
		ArgumentResolver[] resolvers = new ArgumentResolver[parameters.length];
		boolean hasClientId = false;
		boolean hasPayload = false;
		boolean binary = false;
		Class<?> errorType = Throwable.class;
		for (int i = 0; i < parameters.length; i++) {
			Class<?> type = parameters[i].getType();
			if (type == long.class || type == Long.class) {
				if (hasClientId) {
					throw fail(method, "has two long parameters; only one, the client id, is supported");
				}
				hasClientId = true;
				resolvers[i] = ArgumentResolver.CLIENT_ID;
				continue;
			}
			if (type == WsSession.class) {
				resolvers[i] = ArgumentResolver.SESSION;
				continue;
			}
			if (hasPayload) {
				throw fail(method, "has more than one " + payloadName(event) + " parameter (parameter " + i + ", "
						+ type.getSimpleName() + ")");
			}
			hasPayload = true;
			if (event == OnMessage.class) {
				binary = type == byte[].class || type == ByteBuffer.class;
				resolvers[i] = messageResolver(method, parameters[i]);
			}
			else if (event == OnDisconnect.class && type == CloseStatus.class) {
				resolvers[i] = ArgumentResolver.PAYLOAD;
			}
			else if (event == OnError.class && Throwable.class.isAssignableFrom(type)) {
				errorType = type;
				resolvers[i] = ArgumentResolver.PAYLOAD;
			}
			else {
				throw fail(method, "has a parameter of unsupported type " + type.getName() + "; "
						+ supportedParameters(event));
			}
		}
		if (event == OnMessage.class && !hasPayload) {
			throw fail(method, "needs a message parameter: String for text, byte[] or ByteBuffer for binary, "
					+ "or another type read from JSON text");
		}
		if (event == OnMessage.class && !binary) {
			requireConverterIfObject(method, method.getReturnType(), "return type");
		}
		return new HandlerMethod(bean, method, resolvers, binary, errorType);
	}

	private ArgumentResolver messageResolver(Method method, Parameter parameter) {
		Class<?> type = parameter.getType();
		if (type == String.class || type == byte[].class) {
			return ArgumentResolver.PAYLOAD;
		}
		if (type == ByteBuffer.class) {
			return ArgumentResolver.BYTE_BUFFER;
		}
		WsMessageConverter converter = requireConverterIfObject(method, type, "parameter");
		java.lang.reflect.Type genericType = parameter.getParameterizedType();
		return (session, payload) -> converter.read((String) payload, genericType);
	}

	private @Nullable WsMessageConverter requireConverterIfObject(Method method, Class<?> type, String what) {
		if (type == void.class || type == String.class || type == byte[].class || type == ByteBuffer.class) {
			return null;
		}
		WsMessageConverter converter = this.converter.get();
		if (converter == null) {
			throw fail(method, "has a " + what + " of type " + type.getName()
					+ ", which needs JSON conversion, but there is no WsMessageConverter bean: add Jackson "
					+ "(spring-boot-starter-jackson) or define a WsMessageConverter");
		}
		return converter;
	}

	private static String payloadName(Class<? extends Annotation> event) {
		if (event == OnMessage.class) {
			return "message";
		}
		return (event == OnDisconnect.class) ? "CloseStatus" : (event == OnError.class) ? "Throwable" : "extra";
	}

	private static String supportedParameters(Class<? extends Annotation> event) {
		if (event == OnConnect.class) {
			return "@OnConnect methods take a long client id and a WsSession";
		}
		if (event == OnDisconnect.class) {
			return "@OnDisconnect methods take a long client id, a WsSession and a CloseStatus";
		}
		return "@OnError methods take a long client id, a WsSession and a Throwable";
	}

	private static WsControllerDefinitionException fail(Method method, String problem) {
		return new WsControllerDefinitionException(HandlerMethod.describe(method) + " " + problem);
	}

}
