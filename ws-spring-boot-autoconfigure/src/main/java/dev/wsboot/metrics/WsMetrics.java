package dev.wsboot.metrics;

import java.util.function.ToDoubleFunction;

import dev.wsboot.context.WsServerStartedEvent;
import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.EndpointStats;
import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.ServerStats;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.jspecify.annotations.Nullable;
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
		for (WsEndpoint endpoint : this.server.endpoints()) {
			bindEndpoint(endpoint.path());
		}
		bindServer();
	}

	private void bindServer() {
		for (HandshakeRejection reason : HandshakeRejection.values()) {
			serverCounter("ws.handshakes.rejected", "Upgrade requests refused", Tags.of("reason", reason.tagValue()),
					(stats) -> stats.handshakesRejected(reason));
		}
		serverCounter("ws.clients.slow", "Clients closed because their outbound queue was full", Tags.empty(),
				ServerStats::slowClientsClosed);
		Gauge.builder("ws.outbound.queued", this, WsMetrics::queuedBytes)
			.description("Bytes queued for sending and not yet written, over all connections")
			.baseUnit(BYTES)
			.register(this.registry);
	}

	private void bindEndpoint(String path) {
		Tags tags = Tags.of("path", path);
		Gauge.builder("ws.connections.active", this, (metrics) -> metrics.server.activeConnections(path))
			.description("Open WebSocket connections")
			.tags(tags)
			.register(this.registry);
		endpointCounter(path, "ws.connections.opened", "WebSocket connections opened", tags, null,
				EndpointStats::connectionsOpened);
		for (CloseCategory category : CloseCategory.values()) {
			endpointCounter(path, "ws.connections.closed", "WebSocket connections closed, by why",
					tags.and("reason", category.tagValue()), null, (stats) -> stats.connectionsClosed(category));
		}
		endpointCounter(path, "ws.messages.received", "Messages received", tags.and("type", "text"), null,
				EndpointStats::textMessagesReceived);
		endpointCounter(path, "ws.messages.received", "Messages received", tags.and("type", "binary"), null,
				EndpointStats::binaryMessagesReceived);
		endpointCounter(path, "ws.messages.sent", "Messages queued for sending", tags.and("type", "text"), null,
				EndpointStats::textMessagesSent);
		endpointCounter(path, "ws.messages.sent", "Messages queued for sending", tags.and("type", "binary"), null,
				EndpointStats::binaryMessagesSent);
		endpointCounter(path, "ws.messages.dropped", "Messages refused because a slow client's queue was full", tags,
				null, EndpointStats::messagesDropped);
		endpointCounter(path, "ws.bytes.received", "Payload bytes of messages received", tags, BYTES,
				EndpointStats::bytesReceived);
		endpointCounter(path, "ws.bytes.sent", "Frame bytes queued for sending", tags, BYTES, EndpointStats::bytesSent);
	}

	private void endpointCounter(String path, String name, String description, Tags tags, @Nullable String baseUnit,
			ToDoubleFunction<EndpointStats> count) {
		FunctionCounter.builder(name, this, (metrics) -> {
			EndpointStats stats = metrics.server.stats(path);
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
