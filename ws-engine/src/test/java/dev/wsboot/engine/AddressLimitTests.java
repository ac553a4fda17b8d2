package dev.wsboot.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The limit of open connections per remote address: past it upgrades get 429, a closed
 * connection gives its slot back, and each address is counted on its own.
 */
class AddressLimitTests {

	private WsServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = TestServers.echo(TestServers.config()
			.protection((protection) -> protection.maxConnectionsPerAddress(2))
			.build());
	}

	@AfterEach
	void stopServer() {
		this.server.stop(Duration.ofSeconds(1));
	}

	@Test
	void aThirdConnectionFromOneAddressGets429AndIsCounted() throws IOException {
		try (RawClient first = RawClient.open(this.server.port()); RawClient second = RawClient.open(this.server.port());
				RawClient third = RawClient.connect(this.server.port())) {
			Response response = third.upgrade("/");
			assertThat(response.status()).as("%s", response).isEqualTo(429);
			assertThat(third.awaitEndOfStream()).isTrue();
			assertThat(this.server.stats().handshakesRejected(HandshakeRejection.TOO_MANY_FROM_ADDRESS)).isEqualTo(1);
			first.sendText("first");
			first.assertReceivesText("first");
			second.sendText("second");
			second.assertReceivesText("second");
		}
	}

	@Test
	void aClosedConnectionGivesItsSlotBack() throws IOException {
		try (RawClient first = RawClient.open(this.server.port()); RawClient second = RawClient.open(this.server.port())) {
			first.sendClose(1000, "");
			assertThat(first.readClose().closeCode()).isEqualTo(1000);
			TestServers.await("the first connection gone", Duration.ofSeconds(5),
					() -> this.server.activeConnections() == 1);
			try (RawClient third = RawClient.open(this.server.port())) {
				third.sendText("third");
				third.assertReceivesText("third");
			}
		}
		assertThat(this.server.stats().handshakesRejected(HandshakeRejection.TOO_MANY_FROM_ADDRESS)).isZero();
	}

	@Test
	void anotherAddressIsCountedOnItsOwnWhileTheFirstIsFull() throws IOException {
		InetAddress other = InetAddress.getByName("127.0.0.2");
		try (RawClient first = RawClient.open(this.server.port()); RawClient second = RawClient.open(this.server.port())) {
			assertThat(this.server.activeConnections()).isEqualTo(2);
			try (RawClient fromOther = RawClient.over(boundTo(other, this.server.port()));
					RawClient again = RawClient.over(boundTo(other, this.server.port()));
					RawClient third = RawClient.over(boundTo(other, this.server.port()))) {
				assertThat(fromOther.upgrade("/").status()).isEqualTo(101);
				assertThat(again.upgrade("/").status()).isEqualTo(101);
				assertThat(third.upgrade("/").status()).isEqualTo(429);
				fromOther.sendText("from 127.0.0.2");
				fromOther.assertReceivesText("from 127.0.0.2");
			}
			assertThat(this.server.stats().handshakesRejected(HandshakeRejection.TOO_MANY_FROM_ADDRESS)).isEqualTo(1);
		}
	}

	/** A socket from the given local address (on Linux all of 127.0.0.0/8 is the loopback), or the test is skipped. */
	private static Socket boundTo(InetAddress local, int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.bind(new InetSocketAddress(local, 0));
		}
		catch (IOException ex) {
			socket.close();
			assumeTrue(false, "cannot bind a client socket to " + local + ": " + ex);
		}
		socket.connect(new InetSocketAddress("127.0.0.1", port), (int) RawClient.TIMEOUT.toMillis());
		return socket;
	}

}
