package dev.wsboot.test.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.wsboot.engine.EchoHandler;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSession;
import dev.wsboot.test.WsTestClient;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link WsTestClient} and {@link WsTestConnection} against a real wsboot server, through real
 * sockets: every expectation passes when the server does what it says and fails, naming what
 * arrived instead, when it does not.
 */
class WsTestClientTests {

	private static WsServer server;

	private static WsTestClient client;

	@BeforeAll
	static void startServer() throws IOException {
		server = WsServer.builder()
			.config(WsServerConfig.builder().network((network) -> network.port(0)).build())
			.endpoint("/echo", new EchoHandler())
			.endpoint("/notices", new WsHandler() {
				@Override
				public void onOpen(WsSession session) {
					session.sendText("notice 1");
					session.sendText("notice 2");
				}

				@Override
				public void onText(WsSession session, String text) {
					session.sendText("reply: " + text);
				}
			})
			.endpoint("/headers", new WsHandler() {
				@Override
				public void onOpen(WsSession session) {
					session.sendText(session.requestHeader("X-Test") + " " + session.subprotocol());
				}
			})
			.endpoint(new WsEndpoint("/proto", new WsHandler() {
			}, List.of("v1", "v2"), true))
			.endpoint("/bye", new WsHandler() {
				@Override
				public void onText(WsSession session, String text) {
					session.close(4000, "bye");
				}
			})
			.endpoint("/private", new WsHandler() {
			})
			.interceptor((handshake) -> {
				if (handshake.path().equals("/private") && handshake.header("Authorization") == null) {
					handshake.reject(401, "No credentials");
				}
			})
			.build();
		server.start();
		client = WsTestClient.forPort(server.port());
	}

	@AfterAll
	static void stopServer() {
		client.close();
		server.stop(Duration.ofSeconds(1));
	}

	@Test
	void aConversationReadsAsOneFluentChain() {
		client.connect("/echo")
			.send("hi")
			.expectText("hi")
			.send(new byte[] { 1, 2, 3 })
			.expectBinary(new byte[] { 1, 2, 3 })
			.close(1000, "done")
			.expectClose(1000);
	}

	@Test
	void expectTextTakesTheFirstMatchAndLeavesTheOthersInOrder() {
		WsTestConnection connection = client.connect("/notices").send("x").expectText("reply: x");
		connection.expectNextText("notice 1").expectNextText("notice 2");
		assertThat(connection.received()).containsExactly("notice 1", "notice 2", "reply: x");
	}

	@Test
	void expectNextTextFailsNamingTheMessageThatCameFirst() {
		WsTestConnection connection = client.connect("/notices");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> connection.expectNextText("notice 2"))
			.withMessageContaining("got \"notice 1\"");
	}

	@Test
	void anExpectationTimesOutListingWhatArrived() {
		WsTestConnection connection = client.withTimeout(Duration.ofMillis(300)).connect("/notices");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> connection.expectText("never"))
			.withMessageContaining("within PT0.3S")
			.withMessageContaining("[\"notice 1\", \"notice 2\"]");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> connection.expectTextMatching("notice \\d+!"));
		connection.expectTextMatching("notice \\d+");
	}

	@Test
	void headersAndSubprotocolsGoInTheUpgradeRequest() {
		client.withHeader("X-Test", "yes").withSubprotocols("v3", "v2").connect("/headers").expectText("yes null");
		WsTestConnection connection = client.withSubprotocols("v3", "v2").connect("/proto");
		assertThat(connection).hasSubprotocol("v2").isOpen();
		client.expectRefused("/proto", 400);
	}

	@Test
	void aRefusedUpgradeReportsItsStatus() {
		client.expectRefused("/private", 401);
		client.expectRefused("/nowhere", 404);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.connect("/private"))
			.withMessageContaining("answered 401");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.expectRefused("/echo", 401))
			.withMessageContaining("accepted");
		client.withHeader("Authorization", "Bearer x").connect("/private").expectNoMessage(Duration.ofMillis(50));
	}

	@Test
	void expectCloseChecksTheServersStatusAndReason() {
		WsTestConnection connection = client.connect("/bye").send("x").expectClose(4000, "bye");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> connection.expectClose(1000))
			.withMessageContaining("closed with 4000 \"bye\"");
		assertThat(connection).isClosedWith(4000);
	}

	@Test
	void expectNoMessageFailsWhenOneArrives() {
		client.connect("/echo").expectNoMessage(Duration.ofMillis(100));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> client.connect("/notices").expectNoMessage(Duration.ofSeconds(5)))
			.withMessageContaining("got \"notice 1\"");
	}

	@Test
	void assertjAssertionsWaitForWhatIsStillToCome() {
		WsTestConnection connection = client.connect("/notices").send("x");
		assertThat(connection).hasReceivedText("reply: x").texts().containsExactly("notice 1", "notice 2", "reply: x");
		connection.send(new byte[] { 7 });
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(connection.timeout(Duration.ofMillis(200))).hasReceivedBinary(new byte[] { 7 }))
			.withMessageContaining("received [\"notice 1\", \"notice 2\", \"reply: x\"");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(connection).isClosedWith(1000))
			.withMessageContaining("still open");
	}

	@Test
	void closingTheClientClosesEveryConnectionItOpened() throws IOException {
		WsServer other = WsServer.builder()
			.config(WsServerConfig.builder().network((network) -> network.port(0)).build())
			.endpoint("/echo", new WsHandler() {
			})
			.build();
		other.start();
		try {
			WsTestClient own = WsTestClient.forPort(other.port());
			own.connect("/echo");
			own.withTimeout(Duration.ofSeconds(5)).connect("/echo");
			await().atMost(Duration.ofSeconds(10)).until(() -> other.activeConnections() == 2);
			own.close();
			await().atMost(Duration.ofSeconds(10)).until(() -> other.activeConnections() == 0);
		}
		finally {
			other.stop(Duration.ofSeconds(1));
		}
	}

}
