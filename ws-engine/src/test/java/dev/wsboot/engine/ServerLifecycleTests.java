package dev.wsboot.engine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Stopping the server and broadcasting to its sessions.
 */
class ServerLifecycleTests {

	@Test
	void stopSends1001ToConnectedClientsAndReturnsOnceTheyClosed() throws Exception {
		List<CloseStatus> serverCloses = new CopyOnWriteArrayList<>();
		WsServer server = TestServers.start(WsServer.builder().config(TestServers.config().build()).endpoint("/", new WsHandler() {
			@Override
			public void onClose(WsSession session, CloseStatus status) {
				serverCloses.add(status);
			}
		}));
		int port = server.port();
		try (RawClient first = RawClient.open(port); RawClient second = RawClient.open(port)) {
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
			for (RawClient client : List.of(first, second)) {
				RawClient.Frame close = client.readClose();
				assertThat(close.closeCode()).isEqualTo(1001);
				client.sendClose(1001, "");
				assertThat(client.awaitEndOfStream()).isTrue();
			}
			// Both answered, so stop returns well before its grace period.
			stopped.get(3, TimeUnit.SECONDS);
		}
		assertThat(server.isRunning()).isFalse();
		assertThat(server.activeConnections()).isZero();
		assertThat(serverCloses).extracting(CloseStatus::code).containsExactly(1001, 1001);
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			}
		});
	}

	@Test
	void stopDropsClientsThatDoNotAnswerWithinTheGracePeriod() throws Exception {
		WsServer server = TestServers.echo();
		try (RawClient silent = RawClient.open(server.port())) {
			long started = System.nanoTime();
			server.stop(Duration.ofMillis(300));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
			assertThat(silent.readClose().closeCode()).isEqualTo(1001);
			assertThat(silent.awaitEndOfStream()).isTrue();
		}
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void stopEndsEveryThreadTheServerStarted() throws IOException {
		WsServer server = TestServers.echo(TestServers.config().network((network) -> network.ioThreads(3)).build());
		try (RawClient client = RawClient.open(server.port())) {
			client.sendText("start a handler thread");
			client.assertReceivesText("start a handler thread");
			assertThat(serverThreads()).isNotEmpty();
		}
		server.stop(Duration.ofSeconds(1));
		TestServers.await("the server's threads to end", Duration.ofSeconds(5), () -> serverThreads().isEmpty());
	}

	@Test
	void stoppedServerRefusesToStartAgain() throws IOException {
		WsServer server = TestServers.echo();
		server.stop(Duration.ofSeconds(1));
		assertThatIllegalStateException().isThrownBy(server::start).withMessageContaining("build a new one");
	}

	/** Live threads named as the engine names its I/O and handler threads. */
	private static List<String> serverThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("ws-io-") || name.startsWith("ws-handler-"))
			.toList();
	}

	@Test
	void broadcastDeliversToEverySession() throws IOException {
		WsServer server = TestServers.echo();
		List<RawClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				clients.add(RawClient.open(server.port()));
			}
			assertThat(server.activeConnections()).isEqualTo(5);
			assertThat(server.broadcast(server.sessions(), "news for all")).isEqualTo(5);
			assertThat(server.broadcast(server.sessions("/"), new byte[] { 1, 2, 3 })).isEqualTo(5);
			for (RawClient client : clients) {
				client.assertReceivesText("news for all");
				RawClient.Frame binary = client.readFrame();
				assertThat(binary.opcode()).isEqualTo(2);
				assertThat(binary.payload()).containsExactly(1, 2, 3);
			}
		}
		finally {
			for (RawClient client : clients) {
				client.close();
			}
			server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void broadcastSkipsSessionsThatAreClosing() throws IOException {
		WsServer server = TestServers.echo();
		try (RawClient open = RawClient.open(server.port()); RawClient closing = RawClient.open(server.port())) {
			closing.sendClose(1000, "");
			assertThat(closing.readClose().closeCode()).isEqualTo(1000);
			TestServers.await("the closing session to leave", Duration.ofSeconds(5), () -> server.activeConnections() == 1);
			assertThat(server.broadcast(server.sessions(), "only one")).isEqualTo(1);
			open.assertReceivesText("only one");
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

}
