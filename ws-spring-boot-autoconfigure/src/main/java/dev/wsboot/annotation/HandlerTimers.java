package dev.wsboot.annotation;

import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Records the time spent in controller methods. The metrics configuration supplies one backed by
 * Micrometer timers; each timer is looked up once per endpoint and event at startup.
 */
public interface HandlerTimers {

	/** Times nothing. */
	HandlerTimers NONE = (path, event) -> null;

	/**
	 * @param path the endpoint path
	 * @param event {@code connect}, {@code message} or {@code disconnect}
	 * @return a consumer of elapsed nanoseconds, or null if this event is not timed: the clock is
	 * then not read at all
	 */
	@Nullable LongConsumer timer(String path, String event);

}
