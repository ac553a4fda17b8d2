package dev.wsboot.metrics;

import java.util.function.ToDoubleFunction;

import dev.wsboot.context.WsServerStartedEvent;
import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.PathStats;
import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.ServerStats;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.context.ApplicationListener;

/**
 * Registers the server's meters once it started and its endpoints are known. Counters are
 * function counters over the engine's own counters, so counting a message costs the engine one
 * uncontended add and Micrometer nothing until it is scraped.
 *
 * <p>Meters read the most recently started server, so they keep working when the lifecycle is
 * stopped and started again; the engine's counters then start from zero, which monitoring
 * systems read as a counter reset.
 */
public class WsMetrics implements ApplicationListener<WsServerStartedEvent> {

	private static final String BYTES = "bytes";

	private final MeterRegistry registry;

	private volatile WsServer server;

	public WsMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(WsServerStartedEvent event) {
		this.server = event.getServer();
		// Endpoints that share a path by subprotocol share its counters.
		for (String path : this.server.endpoints().stream().map(WsEndpoint::path).distinct().toList()) {
			bindPath(path);
		}
		bindServer();
	}

	private void bindServer() {
		for (HandshakeRejection reason : HandshakeRejection.values()) {
			serverCounter("ws.handshakes.rejected", "Upgrade requests rejected", Tags.of("reason", reason.tagValue()),
					(stats) -> stats.handshakesRejected(reason));
		}
		serverCounter("ws.clients.slow", "Clients closed because their outbound queue was full", Tags.empty(),
				ServerStats::slowClientsClosed);
		Gauge.builder("ws.handshakes.pending", this, (metrics) -> metrics.server.stats().pendingHandshakes())
			.description("Connections whose upgrade is still in progress")
			.register(this.registry);
		Gauge.builder("ws.outbound.queued", this, WsMetrics::queuedBytes)
			.description("Bytes queued for sending and not yet written, over all connections")
			.baseUnit(BYTES)
			.register(this.registry);
	}

	private void bindPath(String path) {
		Tags tags = Tags.of("path", path);
		Gauge.builder("ws.connections.active", this, (metrics) -> metrics.server.activeConnections(path))
			.description("Open WebSocket connections")
			.tags(tags)
			.register(this.registry);
		pathCounter(path, "ws.connections.opened", "WebSocket connections opened", tags, null,
				PathStats::connectionsOpened);
		for (CloseCategory category : CloseCategory.values()) {
			pathCounter(path, "ws.connections.closed", "WebSocket connections closed, by why",
					tags.and("reason", category.tagValue()), null, (stats) -> stats.connectionsClosed(category));
		}
		pathCounter(path, "ws.messages.received", "Messages received", tags.and("type", "text"), null,
				PathStats::textMessagesReceived);
		pathCounter(path, "ws.messages.received", "Messages received", tags.and("type", "binary"), null,
				PathStats::binaryMessagesReceived);
		pathCounter(path, "ws.messages.sent", "Messages queued for sending", tags.and("type", "text"), null,
				PathStats::textMessagesSent);
		pathCounter(path, "ws.messages.sent", "Messages queued for sending", tags.and("type", "binary"), null,
				PathStats::binaryMessagesSent);
		pathCounter(path, "ws.messages.dropped", "Messages refused because a slow client's queue was full", tags,
				null, PathStats::messagesDropped);
		pathCounter(path, "ws.bytes.received", "Payload bytes of messages received", tags, BYTES,
				PathStats::bytesReceived);
		pathCounter(path, "ws.bytes.sent", "Frame bytes queued for sending", tags, BYTES, PathStats::bytesSent);
	}

	private void pathCounter(String path, String name, String description, Tags tags, String baseUnit,
			ToDoubleFunction<PathStats> count) {
		FunctionCounter.builder(name, this, (metrics) -> {
			PathStats stats = metrics.server.stats(path);
			return (stats != null) ? count.applyAsDouble(stats) : 0;
		}).description(description).tags(tags).baseUnit(baseUnit).register(this.registry);
	}

	private void serverCounter(String name, String description, Tags tags, ToDoubleFunction<ServerStats> count) {
		FunctionCounter.builder(name, this, (metrics) -> count.applyAsDouble(metrics.server.stats()))
			.description(description)
			.tags(tags)
			.register(this.registry);
	}

	private double queuedBytes() {
		long total = 0;
		for (WsSession session : this.server.sessions()) {
			total += session.queuedBytes();
		}
		return total;
	}

}
