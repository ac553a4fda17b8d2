package dev.wsboot.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.context.LocalWsPort;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.test.RawHttp;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Metrics, health and the websocket endpoint, read over HTTP from the real actuator while real
 * clients connect.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = WsObservabilityTests.ObservedApplication.class,
		properties = { "ws.port=0", "ws.allowed-origins=https://good.example",
				"management.endpoints.web.exposure.include=health,metrics,prometheus,websocket",
				"management.endpoint.health.show-details=always",
				// Spring Data Redis is on this module's test classpath for the cluster tests; no Redis runs here.
				"management.health.redis.enabled=false" })
@AutoConfigureRestTestClient
@DirtiesContext
class WsObservabilityTests {

	@LocalWsPort
	int wsPort;

	@Autowired
	RestTestClient http;

	@Autowired
	WsServerLifecycle lifecycle;

	@Test
	void activeConnectionsGaugeFollowsConnectsAndCloses() {
		List<WsTestConnection> clients = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			clients.add(WsTestConnection.connect(this.wsPort, "/echo"));
		}
		await().until(() -> metric("ws.connections.active", "path:/echo") == 3.0);
		clients.forEach(WsTestConnection::closeNormally);
		await().until(() -> metric("ws.connections.active", "path:/echo") == 0.0);
		assertThat(metric("ws.connections.closed", "reason:normal")).isGreaterThanOrEqualTo(3.0);
	}

	@Test
	void messageAndByteCountersMatchWhatWasSent() {
		double textBefore = metric("ws.messages.received", "type:text");
		double binaryBefore = metric("ws.messages.received", "type:binary");
		double bytesBefore = metric("ws.bytes.received", "path:/echo");
		double sentBefore = metric("ws.messages.sent", "type:text");
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/echo")) {
			for (int i = 0; i < 5; i++) {
				client.sendText("0123456789");
				client.nextText();
			}
			client.sendBinary(new byte[100]);
			client.nextBinary();
		}
		assertThat(metric("ws.messages.received", "type:text") - textBefore).isEqualTo(5.0);
		assertThat(metric("ws.messages.received", "type:binary") - binaryBefore).isEqualTo(1.0);
		assertThat(metric("ws.bytes.received", "path:/echo") - bytesBefore).isEqualTo(150.0);
		assertThat(metric("ws.messages.sent", "type:text") - sentBefore).isEqualTo(5.0);
	}

	@Test
	void connectsHaveATimerAndMessagesNoneByDefault() {
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/echo")) {
			client.sendText("timed?");
			assertThat(client.nextText()).isEqualTo("timed?");
		}
		assertThat(metric("ws.handler.duration", "event:connect")).isNotNegative();
		this.http.get()
			.uri("/actuator/metrics/{name}?tag={tag}", "ws.handler.duration", "event:message")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void eachRejectionReasonIsCounted() throws Exception {
		double notFound = metric("ws.handshakes.rejected", "reason:not-found");
		double version = metric("ws.handshakes.rejected", "reason:version");
		double origin = metric("ws.handshakes.rejected", "reason:origin");
		double badRequest = metric("ws.handshakes.rejected", "reason:bad-request");
		assertThat(RawHttp.status(this.wsPort, RawHttp.upgrade("/nowhere", "13"))).isEqualTo(404);
		assertThat(RawHttp.status(this.wsPort, RawHttp.upgrade("/echo", "8"))).isEqualTo(426);
		assertThat(RawHttp.status(this.wsPort, "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")).isEqualTo(400);
		assertThat(WsTestConnection.refusedStatus(this.wsPort, "/echo", Map.of("Origin", "https://evil.example"),
				List.of())).isEqualTo(403);
		assertThat(metric("ws.handshakes.rejected", "reason:not-found") - notFound).isEqualTo(1.0);
		assertThat(metric("ws.handshakes.rejected", "reason:version") - version).isEqualTo(1.0);
		assertThat(metric("ws.handshakes.rejected", "reason:origin") - origin).isEqualTo(1.0);
		assertThat(metric("ws.handshakes.rejected", "reason:bad-request") - badRequest).isEqualTo(1.0);
	}

	@Test
	void healthIsUpWhileRunningAndDownWhenStopped() {
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.components.ws.status").isEqualTo("UP")
			.jsonPath("$.components.ws.details.port").isEqualTo(this.wsPort);
		this.lifecycle.stop();
		try {
			this.http.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503).expectBody()
				.jsonPath("$.components.ws.status").isEqualTo("DOWN");
		}
		finally {
			this.lifecycle.start();
		}
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void endpointListsSessionsAndClosesOne() {
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/echo")) {
			client.sendText("hello");
			client.nextText();
			this.http.get().uri("/actuator/websocket").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.running").isEqualTo(true)
				.jsonPath("$.endpoints[0].path").isEqualTo("/echo")
				.jsonPath("$.endpoints[0].controller").isEqualTo(EchoController.class.getName())
				.jsonPath("$.sessions[0].path").isEqualTo("/echo")
				.jsonPath("$.sessions[0].messagesReceived").isEqualTo(1);
			this.http.get().uri("/actuator/websocket?limit=0").exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.sessions.length()").isEqualTo(0);
			long id = this.lifecycle.getServer().sessions().iterator().next().id();
			this.http.post().uri("/actuator/websocket/" + id).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.body(Map.of("code", 4001, "reason", "closed by operator")).exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.closed").isEqualTo(true);
			assertThat(client.awaitClose().code()).isEqualTo(4001);
		}
	}

	@Test
	void prometheusShowsTheWsSeries() {
		try (WsTestConnection client = WsTestConnection.connect(this.wsPort, "/echo")) {
			await().until(() -> metric("ws.connections.active", "path:/echo") == 1.0);
			String body = this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
				.returnResult(String.class).getResponseBody();
			assertThat(body).contains("ws_connections_active{path=\"/echo\"} 1")
				.contains("ws_messages_received_total")
				.contains("ws_handshakes_rejected_total")
				.contains("ws_bytes_received_bytes_total");
		}
	}

	/** The measurement of a metric with one tag filter, through /actuator/metrics. */
	private double metric(String name, String tag) {
		Number value = this.http.get().uri("/actuator/metrics/{name}?tag={tag}", name, tag).exchange()
			.expectStatus().isOk().returnResult(Map.class).getResponseBody() instanceof Map<?, ?> body
					? (Number) ((Map<?, ?>) ((List<?>) body.get("measurements")).get(0)).get("value") : null;
		return value.doubleValue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoController.class)
	static class ObservedApplication {

	}

	@WsController("/echo")
	static class EchoController {

		@OnMessage
		String echo(String text) {
			return text;
		}

		@OnMessage
		byte[] echo(byte[] data) {
			return data;
		}

	}

}
