package dev.wsboot.engine.support;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.engine.EchoHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Starts servers on 127.0.0.1 and a free port, and checks that a server still serves after a
 * test threw bad input at it.
 */
public final class TestServers {

	private TestServers() {
	}

	/** Loopback, a free port, two I/O threads, short close timeout, limits that fit 16 MiB messages. */
	public static WsServerConfig.Builder config() {
		return WsServerConfig.builder()
			.network((network) -> network.host("127.0.0.1").port(0).ioThreads(2))
			.timeouts((timeouts) -> timeouts.closeTimeout(Duration.ofSeconds(2)))
			.limits((limits) -> limits.maxFrameSize(32 * 1024 * 1024)
				.maxMessageSize(32 * 1024 * 1024)
				.maxOutboundQueueSize(64 * 1024 * 1024)
				.maxInboundQueueSize(64 * 1024 * 1024));
	}

	/** An echo server on "/" with the given settings. */
	public static WsServer echo(WsServerConfig config) throws IOException {
		return start(WsServer.builder().config(config).endpoint("/", new EchoHandler()));
	}

	public static WsServer echo() throws IOException {
		return echo(config().build());
	}

	public static WsServer start(WsServer.Builder builder) throws IOException {
		WsServer server = builder.build();
		server.start();
		return server;
	}

	/**
	 * A new client on "/" still gets a text message echoed and a clean close: the bad input of the
	 * test before harmed only its own connection.
	 */
	public static void assertServesFreshClient(WsServer server) throws IOException {
		assertServesFreshClient(server, "/");
	}

	public static void assertServesFreshClient(WsServer server, String path) throws IOException {
		try (RawClient client = RawClient.open(server.port(), path)) {
			client.sendText("still serving");
			client.assertReceivesText("still serving");
			client.sendClose(1000, "");
			assertThat(client.readClose().closeCode()).isEqualTo(1000);
			assertThat(client.awaitEndOfStream()).isTrue();
		}
	}

	/** Polls the condition until it holds or the timeout passes; fails naming what was awaited. */
	public static void await(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				fail("Timed out after " + timeout + " waiting for " + what);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

}
