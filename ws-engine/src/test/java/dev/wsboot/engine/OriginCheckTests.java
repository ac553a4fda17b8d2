package dev.wsboot.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Origin check through a socket (RFC 6455 §10.2): by default only pages of the request's own
 * host may upgrade, on any port; {@code *} opens the server to every page.
 */
class OriginCheckTests {

	private static WsServer sameHostOnly;

	private static WsServer anyOrigin;

	@BeforeAll
	static void startServers() throws IOException {
		sameHostOnly = TestServers.echo(TestServers.config().build());
		anyOrigin = TestServers.echo(TestServers.config().network((network) -> network.allowedOrigins(List.of("*"))).build());
	}

	@AfterAll
	static void stopServers() {
		sameHostOnly.stop(Duration.ofSeconds(1));
		anyOrigin.stop(Duration.ofSeconds(1));
	}

	@Test
	void defaultConfigAllowsNoOriginsButTheSameHost() {
		assertThat(sameHostOnly.config().network().allowedOrigins()).isEmpty();
	}

	@Test
	void aPageOfTheSameHostOnAnotherPortUpgradesAndIsEchoed() throws IOException {
		try (RawClient client = RawClient.connect(sameHostOnly.port())) {
			Response response = upgrade(client, "127.0.0.1:" + sameHostOnly.port(), "http://127.0.0.1:8080");
			assertThat(response.status()).as("%s", response).isEqualTo(101);
			client.sendText("same host");
			client.assertReceivesText("same host");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "localhost:8085", "LOCALHOST:9000" })
	void localhostPagesUpgradeWhenTheHostHeaderIsLocalhost(String host) throws IOException {
		assertThat(status(sameHostOnly, host, "http://localhost:3000")).isEqualTo(101);
	}

	@Test
	void bracketedIpv6HostsCompareByTheirAddress() throws IOException {
		assertThat(status(sameHostOnly, "[::1]:" + sameHostOnly.port(), "http://[::1]:8080")).isEqualTo(101);
		assertThat(status(sameHostOnly, "[::1]:" + sameHostOnly.port(), "http://[::2]:8080")).isEqualTo(403);
	}

	@Test
	void aRequestWithoutOriginIsNotFromABrowserAndUpgrades() throws IOException {
		assertThat(status(sameHostOnly, "127.0.0.1:" + sameHostOnly.port(), null)).isEqualTo(101);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://evil.example", "http://127.0.0.2:8080", "http://localhost:8080", "null",
			"http://exa mple.com", "not an origin", "http://127.0.0.1@evil.example" })
	void anotherHostTheOpaqueOriginAndMalformedOriginsAreRefusedWith403AndCounted(String origin) throws IOException {
		long before = sameHostOnly.stats().handshakesRejected(HandshakeRejection.ORIGIN);
		try (RawClient client = RawClient.connect(sameHostOnly.port())) {
			Response response = upgrade(client, "127.0.0.1:" + sameHostOnly.port(), origin);
			assertThat(response.status()).as("%s", response).isEqualTo(403);
			assertThat(client.awaitEndOfStream()).as("server closes after the refusal").isTrue();
		}
		assertThat(sameHostOnly.stats().handshakesRejected(HandshakeRejection.ORIGIN)).isEqualTo(before + 1);
		TestServers.assertServesFreshClient(sameHostOnly);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://evil.example", "null", "https://127.0.0.2:8443" })
	void aStarAllowsAnyOrigin(String origin) throws IOException {
		assertThat(status(anyOrigin, "127.0.0.1:" + anyOrigin.port(), origin)).isEqualTo(101);
	}

	private static int status(WsServer server, String host, String origin) throws IOException {
		try (RawClient client = RawClient.connect(server.port())) {
			return upgrade(client, host, origin).status();
		}
	}

	/** An upgrade request with this Host and, unless null, this Origin. */
	private static Response upgrade(RawClient client, String host, String origin) throws IOException {
		client.sendAscii("GET / HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: " + RawClient.KEY + "\r\nSec-WebSocket-Version: 13\r\n"
				+ ((origin != null) ? "Origin: " + origin + "\r\n" : "") + "\r\n");
		return client.readResponse();
	}

}
