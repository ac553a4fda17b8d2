package dev.wsboot.observation;

import org.jspecify.annotations.Nullable;

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

	/**
	 * Whether each message's handling runs in its connection observation's scope, so that what a
	 * handler logs or traces belongs to the connection's trace. A scope per message is a measurable
	 * part of a small message's handling, so by default it is on only when the application has an
	 * observation handler other than the metrics one (a tracing bridge registers such handlers).
	 * The connection's open and close always run in its scope.
	 */
	private @Nullable Boolean messageScope;

	public boolean isMessages() {
		return this.messages;
	}

	public void setMessages(boolean messages) {
		this.messages = messages;
	}

	public @Nullable Boolean getMessageScope() {
		return this.messageScope;
	}

	public void setMessageScope(@Nullable Boolean messageScope) {
		this.messageScope = messageScope;
	}

}
