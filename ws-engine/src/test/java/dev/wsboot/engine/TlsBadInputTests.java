package dev.wsboot.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.support.TlsEngineClient;
import dev.wsboot.test.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a TLS port does with clients that do not speak TLS, speak it badly or stop halfway: each is
 * closed and counted as {@link HandshakeRejection#TLS}, and a TLS client connected meanwhile keeps
 * being served.
 */
class TlsBadInputTests {

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);

	@TempDir
	static Path directory;

	private static SSLContext clientContext;

	private static WsServer server;

	@BeforeAll
	static void start() throws Exception {
		Path keyStore = TestCertificates.keyStore(directory, "bad-input");
		clientContext = TestCertificates.clientContext(keyStore);
		server = TestServers.start(WsServer.builder()
			.config(TestServers.config().timeouts((timeouts) -> timeouts.handshakeTimeout(HANDSHAKE_TIMEOUT)).build())
			.sslContext(TestCertificates.serverContext(keyStore))
			.endpoint("/", new EchoHandler()));
	}

	@AfterAll
	static void stop() {
		server.stop(Duration.ofSeconds(1));
	}

	@Test
	void garbageIsClosedAtOnceAndCountedWhileATlsClientKeepsWorking() throws Exception {
		try (RawClient bystander = openTls("TLSv1.3")) {
			long before = tlsRejections();
			try (RawClient garbage = RawClient.connect(server.port())) {
				byte[] noise = new byte[512];
				Arrays.fill(noise, (byte) 0xA5);
				garbage.send(noise);
				long sent = System.nanoTime();
				assertThat(garbage.awaitEndOfStream()).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(HANDSHAKE_TIMEOUT);
			}
			awaitTlsRejections(before + 1);
			assertEchoes(bystander, "still here");
		}
	}

	@Test
	void plainHttpUpgradeOnTheTlsPortGetsNoHttpAnswerAndIsCounted() throws Exception {
		long before = tlsRejections();
		try (RawClient plain = RawClient.connect(server.port())) {
			plain.sendAscii(RawClient.upgradeRequest("/"));
			byte[] answer = plain.readToEnd();
			// At most a TLS alert record (content type 21, RFC 8446 §5.1), never "HTTP/1.1 ...".
			if (answer.length > 0) {
				assertThat(answer[0]).isEqualTo((byte) 21);
			}
		}
		awaitTlsRejections(before + 1);
		assertServesFreshTlsClient();
	}

	@Test
	void clientStallingInTheTlsHandshakeIsClosedAtTheHandshakeTimeout() throws Exception {
		try (RawClient bystander = openTls("TLSv1.3")) {
			long before = tlsRejections();
			try (RawClient stalling = RawClient.connect(server.port())) {
				// A handshake record header announcing 512 bytes, then one byte of them.
				stalling.send(new byte[] { 22, 3, 1, 2, 0, 1 });
				assertThat(stalling.awaitEndOfStream()).isTrue();
			}
			awaitTlsRejections(before + 1);
			assertEchoes(bystander, "not stalled");
		}
	}

	@Test
	void serverSendsCloseNotifyAfterTheCloseHandshake() throws Exception {
		try (TlsEngineClient client = TlsEngineClient.connect(clientContext, server.port())) {
			client.send(RawClient.upgradeRequest("/").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			client.send(RawClient.frame(0x88, RawClient.closeBody(1000, "done")));
			// RFC 8446 §6.1: close_notify precedes the FIN, so the client can tell the end from a cut.
			assertThat(client.readToEndAndSawCloseNotify()).isTrue();
		}
	}

	@Test
	void clientInitiatedRenegotiationOnTls12IsRefused() throws Exception {
		try (RawClient client = openTls("TLSv1.2")) {
			assertEchoes(client, "before renegotiation");
			SSLSocket socket = (SSLSocket) client.socket();
			try {
				socket.startHandshake();
			}
			catch (IOException expected) {
				// The server's answer to the new ClientHello is to end the connection.
			}
			assertThat(endsOrFails(socket.getInputStream())).isTrue();
		}
		assertServesFreshTlsClient();
	}

	private static RawClient openTls(String protocol) throws IOException {
		SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1", server.port());
		socket.setEnabledProtocols(new String[] { protocol });
		socket.startHandshake();
		RawClient client = RawClient.over(socket);
		assertThat(client.upgrade("/").status()).isEqualTo(101);
		return client;
	}

	private static void assertEchoes(RawClient client, String text) throws IOException {
		client.sendText(text);
		client.assertReceivesText(text);
	}

	private static void assertServesFreshTlsClient() throws IOException {
		try (RawClient client = openTls("TLSv1.3")) {
			assertEchoes(client, "still serving");
		}
	}

	private static boolean endsOrFails(InputStream in) throws IOException {
		try {
			while (in.read() >= 0) {
				// Drain whatever the server sent before it ended the connection.
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static long tlsRejections() {
		return server.stats().handshakesRejected(HandshakeRejection.TLS);
	}

	private static void awaitTlsRejections(long expected) {
		TestServers.await("TLS rejections to reach " + expected, Duration.ofSeconds(5), () -> tlsRejections() >= expected);
		assertThat(tlsRejections()).isEqualTo(expected);
	}

}
