package dev.wsboot.cluster;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code wsCluster}: UP while the backplane answers heartbeats, with this node's number and the
 * live nodes; DOWN while it does not (this node then serves only its own clients).
 */
public class WsClusterHealthIndicator extends AbstractHealthIndicator {

	private final WsBackplane backplane;

	public WsClusterHealthIndicator(WsBackplane backplane) {
		super("WebSocket cluster health check failed");
		this.backplane = backplane;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.backplane.isAvailable()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("node", this.backplane.nodeNumber())
			.withDetail("nodes", this.backplane.nodes().stream().map(ClusterNode::number).toList());
	}

}
