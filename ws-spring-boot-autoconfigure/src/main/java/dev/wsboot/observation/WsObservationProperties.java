package dev.wsboot.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Observations of the WebSocket server, bound to {@code ws.observations.*}. They apply when the
 * application has an {@code ObservationRegistry} (with {@code spring-boot-starter-actuator}).
 */
@ConfigurationProperties("ws.observations")
public class WsObservationProperties {

	/**
	 * Whether each received message gets its own observation (and span), a child of its
	 * connection's. Without it, message handling runs in the connection's observation.
	 */
	private boolean messages = false;

	public boolean isMessages() {
		return this.messages;
	}

	public void setMessages(boolean messages) {
		this.messages = messages;
	}

}
