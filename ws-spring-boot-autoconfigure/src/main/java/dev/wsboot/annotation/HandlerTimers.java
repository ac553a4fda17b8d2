package dev.wsboot.annotation;

import java.util.function.LongConsumer;

/**
 * Records the time spent in controller methods. The metrics configuration supplies one backed by
 * Micrometer timers; each timer is looked up once per endpoint and event at startup.
 */
public interface HandlerTimers {

	/** Records nothing. */
	HandlerTimers NONE = (path, event) -> (nanos) -> {
	};

	/**
	 * @param path the endpoint path
	 * @param event {@code connect}, {@code message} or {@code disconnect}
	 * @return a consumer of elapsed nanoseconds
	 */
	LongConsumer timer(String path, String event);

}
