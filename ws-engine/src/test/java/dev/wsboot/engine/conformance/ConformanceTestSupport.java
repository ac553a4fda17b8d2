package dev.wsboot.engine.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.WsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * One echo server on "/" per test class, as the Autobahn|Testsuite's fuzzing client sees it, and
 * after every test the check that the server still serves a new client.
 */
abstract class ConformanceTestSupport {

	static WsServer server;

	@BeforeAll
	static void startServer() throws IOException {
		server = TestServers.echo();
	}

	@AfterAll
	static void stopServer() {
		server.stop(Duration.ofSeconds(1));
	}

	@AfterEach
	void serverStillServesAFreshClient() throws IOException {
		TestServers.assertServesFreshClient(server);
	}

	static RawClient open() throws IOException {
		return RawClient.open(server.port());
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
