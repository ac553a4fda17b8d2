package dev.wsboot.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Metrics of the WebSocket server, bound to {@code ws.metrics.*}. They apply when the application
 * has a {@code MeterRegistry} (with {@code spring-boot-starter-actuator}).
 */
@ConfigurationProperties("ws.metrics")
public class WsMetricsProperties {

	/**
	 * Whether ws.handler.duration also times each @OnMessage call (event "message"). Off by
	 * default: two clock readings and a timer record per message cost about a fifth of a small
	 * message's handling, and ws.messages.received counts them anyway. Connects and disconnects
	 * are always timed.
	 */
	private boolean messageDuration = false;

	public boolean isMessageDuration() {
		return this.messageDuration;
	}

	public void setMessageDuration(boolean messageDuration) {
		this.messageDuration = messageDuration;
	}

}
