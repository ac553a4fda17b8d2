package dev.wsboot.test.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.wsboot.annotation.WsArgumentResolver;
import dev.wsboot.annotation.WsController;
import dev.wsboot.annotation.WsMessageConverter;
import dev.wsboot.annotation.WsReturnValueHandler;
import dev.wsboot.autoconfigure.WsServerConfigCustomizer;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.WsSessionListener;
import dev.wsboot.server.WsServerCustomizer;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * {@link TypeExcludeFilter} of {@link WsTest @WsTest}: keeps the components that shape the
 * WebSocket layer and the {@code @WsController}s the annotation names, or every one when it
 * names none.
 */
final class WsTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<WsTest> {

	private static final Set<Class<?>> KNOWN_INCLUDES = Set.of(WsArgumentResolver.class, WsReturnValueHandler.class,
			WsMessageConverter.class, WsHandshakeInterceptor.class, WsSessionListener.class,
			WsServerConfigCustomizer.class, WsServerCustomizer.class);

	private static final Set<Class<?>> KNOWN_INCLUDES_AND_CONTROLLERS;

	static {
		Set<Class<?>> includes = new LinkedHashSet<>(KNOWN_INCLUDES);
		includes.add(WsController.class);
		KNOWN_INCLUDES_AND_CONTROLLERS = Set.copyOf(includes);
	}

	private final List<Class<?>> controllers;

	WsTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.controllers = List.of(getAnnotation().getValue("controllers", Class[].class).orElse(new Class<?>[0]));
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return this.controllers.isEmpty() ? KNOWN_INCLUDES_AND_CONTROLLERS : KNOWN_INCLUDES;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return new LinkedHashSet<>(this.controllers);
	}

}
