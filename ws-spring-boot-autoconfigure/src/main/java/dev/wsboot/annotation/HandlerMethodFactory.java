package dev.wsboot.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.MethodParameter;

/**
 * Builds {@link HandlerMethod}s: checks each signature and chooses, once, the resolver of every
 * parameter and the handler of the return value, the application's own before the built-ins, as
 * Spring's {@code HandlerMethodArgumentResolverComposite} does but without a per-call search. Every
 * mistake is reported with the class and method.
 */
final class HandlerMethodFactory {

	private final List<WsArgumentResolver> argumentResolvers = new ArrayList<>();

	private final List<WsReturnValueHandler> returnValueHandlers = new ArrayList<>();

	private final boolean canConvert;

	/**
	 * @param argumentResolvers the application's resolvers, in order
	 * @param returnValueHandlers the application's return value handlers, in order
	 * @param converter the converter for other message and return types, or null if there is none
	 */
	HandlerMethodFactory(List<WsArgumentResolver> argumentResolvers, List<WsReturnValueHandler> returnValueHandlers,
			WsMessageConverter converter) {
		this.canConvert = converter != null;
		this.argumentResolvers.addAll(argumentResolvers);
		this.argumentResolvers.add(new ClientIdArgumentResolver());
		this.argumentResolvers.add(new SessionArgumentResolver());
		// Before the message resolvers, which would otherwise read a Principal parameter from JSON.
		this.argumentResolvers.add(new PrincipalArgumentResolver());
		this.argumentResolvers.add(new MessageArgumentResolver());
		this.argumentResolvers.add(new ConvertedMessageArgumentResolver(converter));
		this.argumentResolvers.add(new CloseStatusArgumentResolver());
		this.argumentResolvers.add(new ErrorArgumentResolver());
		this.returnValueHandlers.addAll(returnValueHandlers);
		this.returnValueHandlers.add(new NoReplyReturnValueHandler());
		this.returnValueHandlers.add(new RawReplyReturnValueHandler());
		this.returnValueHandlers.add(new ConvertedReplyReturnValueHandler(converter));
	}

	HandlerMethod create(Object bean, Method method, Class<? extends Annotation> event) {
		if (event != OnMessage.class && method.getReturnType() != void.class) {
			throw fail(method, "@" + event.getSimpleName() + " methods must return void");
		}
		int count = method.getParameterCount();
		MethodParameter[] parameters = new MethodParameter[count];
		WsArgumentResolver[] resolvers = new WsArgumentResolver[count];
		boolean hasClientId = false;
		MethodParameter payload = null;
		for (int i = 0; i < count; i++) {
			MethodParameter parameter = new HandlerMethodParameter(method, i);
			WsArgumentResolver resolver = resolverOf(parameter, event);
			if (resolver instanceof ClientIdArgumentResolver) {
				if (hasClientId) {
					throw fail(method, "has two long parameters; only one, the client id, is supported");
				}
				hasClientId = true;
			}
			else if (resolver instanceof PayloadArgumentResolver) {
				if (payload != null) {
					throw fail(method, "has more than one " + payloadName(event) + " parameter (parameter " + i + ", "
							+ parameter.getParameterType().getSimpleName() + ")");
				}
				payload = parameter;
				if (resolver instanceof ConvertedMessageArgumentResolver) {
					requireConverter(method, parameter.getParameterType(), "parameter");
				}
			}
			parameters[i] = parameter;
			resolvers[i] = resolver;
		}
		if (event == OnMessage.class && payload == null) {
			throw fail(method, "needs a message parameter: String for text, byte[] or ByteBuffer for binary, "
					+ "or another type read from JSON text");
		}
		boolean binary = event == OnMessage.class && MessageArgumentResolver.isBinary(payload.getParameterType());
		// A String parameter gets the text decoded by the engine in one pass; WsText and
		// converted types read the bytes, never decoded.
		boolean textAsBytes = event == OnMessage.class && !binary && payload.getParameterType() != String.class;
		Class<?> errorType = (event == OnError.class && payload != null) ? payload.getParameterType() : Throwable.class;
		return new HandlerMethod(bean, method, parameters, resolvers, returnValueHandlerOf(method), binary, textAsBytes, errorType);
	}

	private WsArgumentResolver resolverOf(MethodParameter parameter, Class<? extends Annotation> event) {
		Method method = parameter.getMethod();
		Class<?> type = parameter.getParameterType();
		for (WsArgumentResolver resolver : this.argumentResolvers) {
			if (resolver.supportsParameter(parameter)) {
				if (parameter.hasParameterAnnotation(ClientId.class) && !(resolver instanceof ClientIdArgumentResolver)) {
					throw fail(method, "has @ClientId on parameter " + parameter.getParameterIndex() + " of type "
							+ type.getName() + "; the client id is a long");
				}
				return resolver;
			}
		}
		throw fail(method, "has a parameter of unsupported type " + type.getName() + "; " + supportedParameters(event)
				+ ", or a type that a WsArgumentResolver bean supports");
	}

	private WsReturnValueHandler returnValueHandlerOf(Method method) {
		MethodParameter returnType = new HandlerMethodParameter(method, -1);
		for (WsReturnValueHandler handler : this.returnValueHandlers) {
			if (handler.supportsReturnType(returnType)) {
				if (handler instanceof ConvertedReplyReturnValueHandler) {
					requireConverter(method, method.getReturnType(), "return type");
				}
				return handler;
			}
		}
		throw new IllegalStateException("The last built-in return value handler supports every type");
	}

	private void requireConverter(Method method, Class<?> type, String what) {
		if (!this.canConvert) {
			throw fail(method, "has a " + what + " of type " + type.getName()
					+ ", which needs JSON conversion, but there is no WsMessageConverter bean: add Jackson "
					+ "(spring-boot-starter-jackson) or define a WsMessageConverter");
		}
	}

	private static String payloadName(Class<? extends Annotation> event) {
		if (event == OnMessage.class) {
			return "message";
		}
		return (event == OnDisconnect.class) ? "CloseStatus" : "Throwable";
	}

	private static String supportedParameters(Class<? extends Annotation> event) {
		if (event == OnConnect.class) {
			return "@OnConnect methods take a long client id, a WsSession and a Principal";
		}
		if (event == OnDisconnect.class) {
			return "@OnDisconnect methods take a long client id, a WsSession, a Principal and a CloseStatus";
		}
		if (event == OnError.class) {
			return "@OnError methods take a long client id, a WsSession, a Principal and a Throwable";
		}
		return "@OnMessage methods take a long client id, a WsSession, a Principal and one message";
	}

	static WsControllerDefinitionException fail(Method method, String problem) {
		return new WsControllerDefinitionException(HandlerMethod.describe(method) + " " + problem);
	}

}
