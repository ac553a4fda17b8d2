package dev.wsboot.metrics;

import java.util.concurrent.TimeUnit;

import dev.wsboot.cluster.ClusterStats;
import dev.wsboot.cluster.WsBackplane;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The cluster's meters: live nodes, messages published and received, publishes that failed, and
 * the time from a publish to its delivery on another node.
 */
public class ClusterMeterBinder implements MeterBinder {

	private final WsBackplane backplane;

	private final ClusterStats stats;

	public ClusterMeterBinder(WsBackplane backplane, ClusterStats stats) {
		this.backplane = backplane;
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("ws.cluster.nodes", this.backplane, (backplane) -> backplane.nodes().size())
			.description("Live nodes of the WebSocket cluster, as of this node's last heartbeat")
			.register(registry);
		FunctionCounter.builder("ws.cluster.messages.published", this.stats, ClusterStats::publishedCount)
			.description("Messages this node published to other nodes")
			.register(registry);
		FunctionCounter.builder("ws.cluster.messages.received", this.stats, ClusterStats::receivedCount)
			.description("Messages this node received from other nodes")
			.register(registry);
		FunctionCounter.builder("ws.cluster.publish.failed", this.stats, ClusterStats::publishFailedCount)
			.description("Messages for other nodes that could not be published (Redis unreachable)")
			.register(registry);
		FunctionCounter.builder("ws.cluster.messages.unreadable", this.stats, ClusterStats::unreadableCount)
			.description("Messages on the cluster's channels that this node could not read")
			.register(registry);
		Timer delivery = Timer.builder("ws.cluster.delivery")
			.description("Time from a publish on one node to its receipt on another")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		this.stats.onDelivery((micros) -> delivery.record(micros, TimeUnit.MICROSECONDS));
	}

}
