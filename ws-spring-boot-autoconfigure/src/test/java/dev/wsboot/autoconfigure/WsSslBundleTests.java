package dev.wsboot.autoconfigure;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.HandshakeRejection;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsSession;
import dev.wsboot.test.TestCertificates;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * wss:// from a Spring Boot SSL bundle named by {@code ws.ssl.bundle}, with certificates made by
 * keytool for each test.
 */
class WsSslBundleTests {

	@TempDir
	Path directory;

	private Path keyStore;

	private ApplicationContextRunner runner;

	@BeforeEach
	void keyStoreBundle() throws Exception {
		this.keyStore = TestCertificates.keyStore(this.directory, "first");
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, SslAutoConfiguration.class,
					JacksonAutoConfiguration.class))
			.withBean("echo", WsEndpoint.class, () -> WsEndpoint.of("/echo", new WsHandler() {
				@Override
				public void onText(WsSession session, String text) {
					session.sendText(text);
				}
			}))
			.withPropertyValues("ws.port=0", "ws.io-threads=1",
					"spring.ssl.bundle.jks.wss.keystore.location=file:" + this.keyStore,
					"spring.ssl.bundle.jks.wss.keystore.password=" + TestCertificates.PASSWORD,
					"spring.ssl.bundle.jks.wss.keystore.type=PKCS12");
	}

	@Test
	void serverNamingABundleServesWssWithItsCertificate() {
		this.runner.withPropertyValues("ws.ssl.bundle=wss").run((context) -> {
			int port = context.getBean(WsServerLifecycle.class).getServer().port();
			assertThat(context.getBean(WsServerLifecycle.class).getServer().isSecure()).isTrue();
			try (WsTestConnection client = WsTestConnection.connectSecure(port, "/echo", TestCertificates.clientContext(this.keyStore))) {
				client.sendText("over tls");
				assertThat(client.nextText()).isEqualTo("over tls");
			}
		});
	}

	@Test
	void serverWithoutTheBundlePropertyStaysPlain() {
		this.runner.run((context) -> assertThat(context.getBean(WsServerLifecycle.class).getServer().isSecure()).isFalse());
	}

	@Test
	void unknownBundleNameFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.ssl.bundle")
				.hasMessageContaining("missing");
		});
	}

	@Test
	void bundleProtocolsLimitWhatClientsMayNegotiate() {
		this.runner.withPropertyValues("ws.ssl.bundle=wss", "spring.ssl.bundle.jks.wss.options.enabled-protocols=TLSv1.2")
			.run((context) -> {
				int port = context.getBean(WsServerLifecycle.class).getServer().port();
				assertThat(handshake(port, TestCertificates.clientContext(this.keyStore)).getProtocol()).isEqualTo("TLSv1.2");
			});
	}

	@Test
	void plainHttpOnTheTlsPortGetsNoHttpAnswerAndIsCountedAsTlsRejection() {
		this.runner.withPropertyValues("ws.ssl.bundle=wss").run((context) -> {
			var server = context.getBean(WsServerLifecycle.class).getServer();
			try (Socket plain = new Socket("127.0.0.1", server.port())) {
				plain.setSoTimeout(5000);
				plain.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
						+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
						+ "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				String answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
				assertThat(answer).doesNotContain("HTTP/1.1");
			}
			await().atMost(Duration.ofSeconds(5))
				.until(() -> server.stats().handshakesRejected(HandshakeRejection.TLS) == 1);
		});
	}

	@Test
	void reloadedBundleServesNewConnectionsWithTheNewCertificate() throws Exception {
		Path second = TestCertificates.keyStore(this.directory, "second");
		SSLContext trustsBoth = TestCertificates.clientContext(this.keyStore, second);
		this.runner
			.withPropertyValues("ws.ssl.bundle=wss", "spring.ssl.bundle.jks.wss.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms")
			.run((context) -> {
				int port = context.getBean(WsServerLifecycle.class).getServer().port();
				assertThat(subject(handshake(port, trustsBoth))).contains("CN=first");
				Path staged = this.directory.resolve("staged.p12");
				Files.copy(second, staged);
				Files.move(staged, this.keyStore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				await().atMost(Duration.ofSeconds(20))
					.until(() -> subject(handshake(port, trustsBoth)).contains("CN=second"));
				try (WsTestConnection client = WsTestConnection.connectSecure(port, "/echo", trustsBoth)) {
					client.sendText("after reload");
					assertThat(client.nextText()).isEqualTo("after reload");
				}
			});
	}

	private static SSLSession handshake(int port, SSLContext trust) throws IOException {
		try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port)) {
			socket.setSoTimeout(5000);
			socket.startHandshake();
			return socket.getSession();
		}
	}

	private static String subject(SSLSession session) throws IOException {
		return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
	}

}
