package dev.wsboot.annotation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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

	private final Method method;

	/**
	 * The method bound to its bean, taking and returning {@code Object}s: called with its
	 * arguments as they are, where {@code Method.invoke} would need an array made per message.
	 */
	private final MethodHandle handle;

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
		this.method = method;
		this.parameters = parameters;
		this.resolvers = resolvers;
		this.returnType = new HandlerMethodParameter(method, -1);
		this.returnValueHandler = returnValueHandler;
		this.binary = binary;
		this.textAsBytes = textAsBytes;
		this.errorType = errorType;
		this.method.setAccessible(true);
		this.handle = handleOf(bean, method);
	}

	private static MethodHandle handleOf(Object bean, Method method) {
		try {
			// The method is accessible (above): no access check against this class's lookup.
			MethodHandle handle = MethodHandles.lookup().unreflect(method);
			if (!Modifier.isStatic(method.getModifiers())) {
				handle = handle.bindTo(bean);
			}
			return handle.asType(MethodType.genericMethodType(method.getParameterCount()));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call " + describe(method), ex);
		}
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
		return switch (this.resolvers.length) {
			case 0 -> (Object) this.handle.invokeExact();
			case 1 -> (Object) this.handle.invokeExact(argument(0, session, payload));
			case 2 -> (Object) this.handle.invokeExact(argument(0, session, payload), argument(1, session, payload));
			case 3 -> (Object) this.handle.invokeExact(argument(0, session, payload), argument(1, session, payload),
					argument(2, session, payload));
			default -> {
				@Nullable Object[] args = new Object[this.resolvers.length];
				for (int i = 0; i < args.length; i++) {
					args[i] = argument(i, session, payload);
				}
				yield this.handle.invokeWithArguments(args);
			}
		};
	}

	private @Nullable Object argument(int index, WsSession session, @Nullable Object payload) throws Exception {
		return this.resolvers[index].resolveArgument(this.parameters[index], session, payload);
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
