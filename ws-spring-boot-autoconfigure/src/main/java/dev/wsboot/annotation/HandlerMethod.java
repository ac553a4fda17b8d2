package dev.wsboot.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * One annotated controller method with the resolvers of its parameters.
 */
final class HandlerMethod {

	private final Object bean;

	private final Method method;

	private final ArgumentResolver[] resolvers;

	/** For {@link OnMessage}: whether it takes binary messages; for {@link OnError}: unused. */
	private final boolean binary;

	/** For {@link OnError}: the errors it accepts. */
	private final Class<?> errorType;

	HandlerMethod(Object bean, Method method, ArgumentResolver[] resolvers, boolean binary, Class<?> errorType) {
		this.bean = bean;
		this.method = method;
		this.resolvers = resolvers;
		this.binary = binary;
		this.errorType = errorType;
		this.method.setAccessible(true);
	}

	boolean isBinary() {
		return this.binary;
	}

	boolean accepts(Throwable error) {
		return this.errorType.isInstance(error);
	}

	/**
	 * Calls the method; an exception it throws is rethrown as is, not wrapped.
	 */
	@Nullable Object invoke(WsSession session, @Nullable Object payload) throws Throwable {
		@Nullable Object[] args = new Object[this.resolvers.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.resolvers[i].resolve(session, payload);
		}
		try {
			return this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
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
