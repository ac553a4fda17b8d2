package dev.wsboot.observation;

import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Which of the application's observation handlers make a scope worth opening per message: every
 * one but Micrometer's metrics handlers, whose timers start and stop with the observation and
 * ignore its scopes. Tracing handlers put the span in scope, so logs and child spans find it.
 */
final class ObservationScopes {

	private static final String METER_HANDLER_NAME = "io.micrometer.core.instrument.observation.MeterObservationHandler";

	/** Null without micrometer-core, which the observation API does not need. */
	private static final @Nullable Class<?> METER_HANDLER = ClassUtils.isPresent(METER_HANDLER_NAME, null)
			? ClassUtils.resolveClassName(METER_HANDLER_NAME, null) : null;

	private ObservationScopes() {
	}

	static boolean needsScope(ObservationHandler<?> handler) {
		return METER_HANDLER == null || !METER_HANDLER.isInstance(handler);
	}

}
