package dev.wsboot.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

/**
 * One annotated controller method with the resolvers of its parameters and the handler of its
 * return value, all chosen at startup. Immutable; called by many handler threads at once.
 */
final class HandlerMethod {

	private final Object bean;

	private final Method method;

	private final MethodParameter[] parameters;

	private final WsArgumentResolver[] resolvers;

	private final MethodParameter returnType;

	private final WsReturnValueHandler returnValueHandler;

	/** For {@link OnMessage}: whether it takes binary messages; for other events: unused. */
	private final boolean binary;

	/**
	 * For a text {@link OnMessage}: whether it reads the message's bytes ({@code WsText} or a
	 * converted type) rather than a {@code String}.
	 */
	private final boolean textAsBytes;

	/** For {@link OnError}: the errors it accepts. */
	private final Class<?> errorType;

	HandlerMethod(Object bean, Method method, MethodParameter[] parameters, WsArgumentResolver[] resolvers,
			WsReturnValueHandler returnValueHandler, boolean binary, boolean textAsBytes, Class<?> errorType) {
		this.bean = bean;
		this.method = method;
		this.parameters = parameters;
		this.resolvers = resolvers;
		this.returnType = new HandlerMethodParameter(method, -1);
		this.returnValueHandler = returnValueHandler;
		this.binary = binary;
		this.textAsBytes = textAsBytes;
		this.errorType = errorType;
		this.method.setAccessible(true);
	}

	boolean isBinary() {
		return this.binary;
	}

	boolean isTextAsBytes() {
		return this.textAsBytes;
	}

	boolean accepts(Throwable error) {
		return this.errorType.isInstance(error);
	}

	/**
	 * Calls the method; an exception it or a resolver throws is rethrown as is, not wrapped.
	 * @param payload the message, close status or error, depending on the event
	 */
	@Nullable Object invoke(WsSession session, @Nullable Object payload) throws Throwable {
		@Nullable Object[] args = new Object[this.resolvers.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.resolvers[i].resolveArgument(this.parameters[i], session, payload);
		}
		try {
			return this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** Sends what {@link #invoke} returned; null sends nothing. */
	void reply(WsSession session, Object returnValue) throws Exception {
		if (returnValue != null) {
			this.returnValueHandler.handleReturnValue(returnValue, this.returnType, session);
		}
	}

	@Override
	public String toString() {
		return describe(this.method);
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

}
