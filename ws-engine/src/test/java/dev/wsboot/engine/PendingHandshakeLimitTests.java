package dev.wsboot.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.support.RawClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowloris: clients that open sockets and trickle an upgrade request they never finish. Past
 * the limit of pending upgrades the oldest one is dropped without an answer, so a real client
 * still gets in while the attack goes on, and the handshake timeout closes what is left.
 */
class PendingHandshakeLimitTests {

	private static final byte[] FIRST_LINE = "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);

	/** How a half-open socket ended. */
	private enum Ending {

		/** Closed without a byte of answer: dropped for a newer upgrade. */
		DROPPED,

		/** Answered 408 and closed: the handshake timeout. */
		TIMED_OUT,

		/** Anything else, or not closed within the wait. */
		OTHER

	}

	@Test
	void pastTheLimitTheOldestPendingUpgradesAreDroppedAndARealClientStillGetsIn() throws IOException {
		int limit = 50;
		int attackers = 500;
		WsServer server = TestServers.echo(TestServers.config()
			.timeouts((timeouts) -> timeouts.handshakeTimeout(Duration.ofSeconds(2)))
			.protection((protection) -> protection.maxPendingHandshakes(limit))
			.build());
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < attackers; i++) {
				sockets.add(halfOpen(server.port()));
			}
			TestServers.await("every half-open socket joined or left the pending upgrades", Duration.ofSeconds(10),
					() -> ended(server) >= attackers - limit && server.stats().pendingHandshakes() <= limit);
			// The oldest socket was dropped (not timed out): the server closed it without a byte.
			assertThat(ending(sockets.get(0))).isEqualTo(Ending.DROPPED);

			try (RawClient client = RawClient.open(server.port())) {
				client.sendText("still serving");
				client.assertReceivesText("still serving");
				assertThat(server.stats().pendingHandshakes()).isLessThanOrEqualTo(limit);
			}

			List<Ending> endings = new ArrayList<>();
			for (Socket socket : sockets) {
				endings.add(ending(socket));
			}
			assertThat(endings).as("every half-open socket is closed by the server").doesNotContain(Ending.OTHER);
			TestServers.await("no upgrade pending", Duration.ofSeconds(5), () -> server.stats().pendingHandshakes() == 0);
			long dropped = server.stats().handshakesRejected(HandshakeRejection.PENDING_LIMIT);
			long timedOut = server.stats().handshakesRejected(HandshakeRejection.TIMEOUT);
			// At most `limit` were ever pending, so all but that many were dropped or timed out
			// before the last joined; each socket is counted once, the real client never.
			assertThat(dropped + timedOut).isEqualTo(attackers);
			assertThat(dropped).isGreaterThanOrEqualTo(attackers - limit - timedOut)
				.isEqualTo(endings.stream().filter(Ending.DROPPED::equals).count());
			assertThat(timedOut).isEqualTo(endings.stream().filter(Ending.TIMED_OUT::equals).count())
				.isLessThanOrEqualTo(limit);
		}
		finally {
			closeAll(sockets);
			server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void withTheDefaultLimitTwoThousandHalfOpenSocketsDoNotLockARealClientOutAndAllTimeOut() throws IOException {
		int attackers = 2000;
		WsServer server = TestServers.echo(TestServers.config()
			.timeouts((timeouts) -> timeouts.handshakeTimeout(Duration.ofSeconds(1)))
			.build());
		assertThat(server.config().protection().maxPendingHandshakes())
			.isEqualTo(ProtectionConfig.DEFAULT.maxPendingHandshakes());
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < attackers; i++) {
				sockets.add(halfOpen(server.port()));
			}
			try (RawClient client = RawClient.open(server.port())) {
				client.sendText("still serving");
				client.assertReceivesText("still serving");
			}
			for (Socket socket : sockets) {
				assertThat(ending(socket)).as("how a half-open socket ended").isIn(Ending.DROPPED, Ending.TIMED_OUT);
			}
			TestServers.await("no upgrade pending", Duration.ofSeconds(5), () -> server.stats().pendingHandshakes() == 0);
			assertThat(ended(server)).isEqualTo(attackers);
		}
		finally {
			closeAll(sockets);
			server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void theLimitIsServerWideEvenWhenTheOldestPendingUpgradesAreOnAnotherIoThread() throws IOException {
		// Two I/O threads take connections in turn: the first socket lands on one, the second on
		// the other, which then holds no older upgrade of its own to drop.
		WsServer server = TestServers.echo(TestServers.config()
			.network((network) -> network.ioThreads(2))
			.protection((protection) -> protection.maxPendingHandshakes(1))
			.build());
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				sockets.add(halfOpen(server.port()));
			}
			TestServers.await("three of four half-open sockets dropped", Duration.ofSeconds(5),
					() -> server.stats().handshakesRejected(HandshakeRejection.PENDING_LIMIT) >= 3);
			// The count of a drop handed to the other thread falls when that thread has run it, a
			// moment after the rejection is counted; a per-thread limit would leave it at 2.
			TestServers.await("one upgrade pending", Duration.ofSeconds(5), () -> server.stats().pendingHandshakes() == 1);
			assertThat(ending(sockets.get(1))).as("the second, on the other thread").isEqualTo(Ending.DROPPED);
		}
		finally {
			closeAll(sockets);
			server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void upgradeRequestsTrickledAByteAtATimeAreAllClosedByTheHandshakeTimeoutWhileARealClientEchoes()
			throws IOException {
		int attackers = 300;
		Duration timeout = Duration.ofMillis(1500);
		WsServer server = TestServers.echo(TestServers.config()
			.timeouts((timeouts) -> timeouts.handshakeTimeout(timeout))
			.build());
		assertThat(attackers).as("below the pending limit, so only the timeout closes them")
			.isLessThan(server.config().protection().maxPendingHandshakes());
		byte[] request = RawClient.upgradeRequest("/").getBytes(StandardCharsets.ISO_8859_1);
		List<Socket> sockets = new ArrayList<>();
		ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
		try {
			for (int i = 0; i < attackers; i++) {
				sockets.add(halfOpen(server.port()));
			}
			// A byte every 100 ms to each, never the last one: every byte is traffic that a timeout
			// reset by reads would mistake for progress.
			Set<Socket> closed = ConcurrentHashMap.newKeySet();
			int[] sent = { FIRST_LINE.length };
			trickle.scheduleAtFixedRate(() -> {
				int at = Math.min(sent[0]++, request.length - 2);
				for (Socket socket : sockets) {
					if (!closed.contains(socket) && !trickleByte(socket, request[at])) {
						closed.add(socket);
					}
				}
			}, 100, 100, TimeUnit.MILLISECONDS);
			TestServers.await("every half-open socket pending", Duration.ofSeconds(5),
					() -> server.stats().pendingHandshakes() == attackers);

			try (RawClient client = RawClient.open(server.port())) {
				for (int i = 0; i < 20; i++) {
					client.sendText("still serving " + i);
					client.assertReceivesText("still serving " + i);
				}
			}

			for (Socket socket : sockets) {
				assertThat(ending(socket)).as("how a trickling socket ended").isEqualTo(Ending.TIMED_OUT);
			}
			TestServers.await("no upgrade pending", Duration.ofSeconds(5), () -> server.stats().pendingHandshakes() == 0);
			assertThat(server.stats().handshakesRejected(HandshakeRejection.TIMEOUT)).isEqualTo(attackers);
			assertThat(server.stats().handshakesRejected(HandshakeRejection.PENDING_LIMIT)).isZero();
		}
		finally {
			trickle.shutdownNow();
			closeAll(sockets);
			server.stop(Duration.ofSeconds(1));
		}
	}

	private static long ended(WsServer server) {
		return server.stats().handshakesRejected(HandshakeRejection.PENDING_LIMIT)
				+ server.stats().handshakesRejected(HandshakeRejection.TIMEOUT);
	}

	/** A socket that sends the first line of an upgrade request and nothing more. */
	private static Socket halfOpen(int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) RawClient.TIMEOUT.toMillis());
			socket.getOutputStream().write(FIRST_LINE);
			socket.getOutputStream().flush();
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/** Writes one more byte of the request; false once the server has closed the socket. */
	private static boolean trickleByte(Socket socket, byte b) {
		try {
			socket.getOutputStream().write(b);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Reads until the server closes the socket, for at most {@link RawClient#TIMEOUT}; the socket
	 * stays open on our side, so reading it again sees the same end.
	 */
	private static Ending ending(Socket socket) throws IOException {
		socket.setSoTimeout((int) RawClient.TIMEOUT.toMillis());
		byte[] answer;
		try {
			answer = socket.getInputStream().readAllBytes();
		}
		catch (SocketTimeoutException ex) {
			return Ending.OTHER;
		}
		catch (SocketException ex) {
			// A reset: closed, and nothing of an answer could be read.
			return Ending.DROPPED;
		}
		if (answer.length == 0) {
			return Ending.DROPPED;
		}
		return new String(answer, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 408 ") ? Ending.TIMED_OUT
				: Ending.OTHER;
	}

	private static void closeAll(List<Socket> sockets) {
		for (Socket socket : sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Closing our end of a socket the server closed long ago: nothing left to do.
			}
		}
	}

}
