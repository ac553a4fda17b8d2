package dev.wsboot.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * On real sockets: endpoints sharing one path, chosen by the client's subprotocol offer (RFC 6455
 * §4.2.2), and a close the server starts from a handler thread (§7.1.2).
 */
class SharedPathAndServerCloseTests {

	private WsServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(Duration.ofSeconds(1));
		}
	}

	/** Answers every text with its own name, so the reply proves which endpoint served it. */
	private static WsHandler named(String name) {
		return new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				session.sendText(name + ":" + session.subprotocol() + ":" + text);
			}
		};
	}

	private void startGraphqlServer() throws IOException {
		this.server = TestServers.start(WsServer.builder()
			.config(TestServers.config().build())
			.endpoint(new WsEndpoint("/graphql", named("transport"), List.of("graphql-transport-ws"), false))
			.endpoint(new WsEndpoint("/graphql", named("legacy"), List.of("graphql-ws"), false)));
	}

	@Test
	void clientOfferingGraphqlTransportWsReachesItsOwnHandler() throws IOException {
		startGraphqlServer();
		try (RawClient client = RawClient.connect(this.server.port())) {
			RawClient.Response response = client.upgrade("/graphql", "Sec-WebSocket-Protocol: graphql-transport-ws");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("sec-websocket-protocol")).isEqualTo("graphql-transport-ws");
			client.sendText("hello");
			client.assertReceivesText("transport:graphql-transport-ws:hello");
		}
	}

	@Test
	void clientOfferingGraphqlWsReachesItsOwnHandler() throws IOException {
		startGraphqlServer();
		try (RawClient client = RawClient.connect(this.server.port())) {
			RawClient.Response response = client.upgrade("/graphql", "Sec-WebSocket-Protocol: graphql-ws");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("sec-websocket-protocol")).isEqualTo("graphql-ws");
			client.sendText("hello");
			client.assertReceivesText("legacy:graphql-ws:hello");
		}
	}

	@Test
	void jdkClientsOfferingEachSubprotocolReachTheirOwnHandlersAtOnce() throws IOException {
		startGraphqlServer();
		try (WsTestConnection legacy = WsTestConnection.connect(this.server.port(), "/graphql", "graphql-ws");
				WsTestConnection transport = WsTestConnection.connect(this.server.port(), "/graphql", "graphql-transport-ws")) {
			assertThat(legacy.subprotocol()).isEqualTo("graphql-ws");
			assertThat(transport.subprotocol()).isEqualTo("graphql-transport-ws");
			transport.sendText("a");
			legacy.sendText("b");
			assertThat(transport.nextText()).isEqualTo("transport:graphql-transport-ws:a");
			assertThat(legacy.nextText()).isEqualTo("legacy:graphql-ws:b");
			assertThat(this.server.activeConnections("/graphql")).isEqualTo(2);
		}
	}

	@Test
	void clientsFirstOfferThatAnEndpointNamesChoosesTheEndpoint() throws IOException {
		startGraphqlServer();
		try (RawClient client = RawClient.connect(this.server.port())) {
			RawClient.Response response = client.upgrade("/graphql",
					"Sec-WebSocket-Protocol: mqtt, graphql-ws, graphql-transport-ws");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("sec-websocket-protocol")).isEqualTo("graphql-ws");
			client.sendText("x");
			client.assertReceivesText("legacy:graphql-ws:x");
		}
	}

	@Test
	void offerMatchingNeitherEndpointIsRefusedWith400() throws IOException {
		startGraphqlServer();
		try (RawClient client = RawClient.connect(this.server.port())) {
			RawClient.Response response = client.upgrade("/graphql", "Sec-WebSocket-Protocol: mqtt");
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.body()).contains("graphql-transport-ws", "graphql-ws");
		}
		try (RawClient client = RawClient.connect(this.server.port())) {
			assertThat(client.upgrade("/graphql").status()).as("no offer at all").isEqualTo(400);
		}
		assertThat(this.server.stats().handshakesRejected(HandshakeRejection.BAD_REQUEST)).isEqualTo(2);
		assertThat(WsTestConnection.refusedStatus(this.server.port(), "/graphql", "mqtt")).isEqualTo(400);
	}

	@Test
	void twoEndpointsOnOnePathWhereOneNamesNoSubprotocolCannotBeBuilt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WsServer.builder()
				.config(TestServers.config().build())
				.endpoint(new WsEndpoint("/graphql", named("transport"), List.of("graphql-transport-ws"), false))
				.endpoint("/graphql", named("plain"))
				.build())
			.withMessageContaining("/graphql");
	}

	@Test
	void sessionClosedFromAHandlerThreadIsClosedAtOnceAndTheClientGetsEarlierMessagesThenTheClose()
			throws Exception {
		CompletableFuture<List<Boolean>> afterClose = new CompletableFuture<>();
		this.server = TestServers.start(WsServer.builder().config(TestServers.config().build()).endpoint("/", new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				session.sendText("one");
				session.sendText("two");
				session.close(4000, "done");
				afterClose.complete(List.of(session.isOpen(), session.sendText("three"), session.ping(new byte[0])));
			}
		}));
		try (RawClient client = RawClient.open(this.server.port())) {
			client.sendText("go");
			assertThat(afterClose.get(5, TimeUnit.SECONDS)).as("isOpen, sendText, ping after close")
				.containsExactly(false, false, false);
			client.assertReceivesText("one");
			client.assertReceivesText("two");
			RawClient.Frame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(4000);
			assertThat(close.closeReason()).isEqualTo("done");
			client.sendClose(4000, "");
			assertThat(client.awaitEndOfStream()).as("the server closes TCP after the close handshake").isTrue();
		}
	}

}
