package dev.wsboot.actuate;

import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP with the port and connection count while the WebSocket server accepts connections; DOWN
 * when it is stopped or never started.
 */
public class WsHealthIndicator extends AbstractHealthIndicator {

	private final WsServerLifecycle lifecycle;

	public WsHealthIndicator(WsServerLifecycle lifecycle) {
		super("WebSocket server health check failed");
		this.lifecycle = lifecycle;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		WsServer server = this.lifecycle.getServer();
		if (server == null || !server.isRunning()) {
			builder.down().withDetail("running", false);
			return;
		}
		builder.up()
			.withDetail("running", true)
			.withDetail("port", server.port())
			.withDetail("activeConnections", server.activeConnections());
	}

}
