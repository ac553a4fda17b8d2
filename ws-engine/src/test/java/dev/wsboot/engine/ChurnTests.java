package dev.wsboot.engine;

import java.io.File;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many short connections against one server leave nothing behind: no thread, no file descriptor,
 * no direct buffer, no session.
 */
class ChurnTests {

	private static final int CYCLES = 10_000;

	private static final int WARM_UP = 200;

	private record Resources(int threads, long fds, long directCount, long directBytes) {

		static Resources now() {
			BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
				.stream()
				.filter((pool) -> pool.getName().equals("direct"))
				.findFirst()
				.orElseThrow();
			String[] fds = new File("/proc/self/fd").list();
			return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), (fds != null) ? fds.length : -1,
					direct.getCount(), direct.getMemoryUsed());
		}

		boolean within(Resources baseline) {
			return this.threads <= baseline.threads + 2 && this.fds <= baseline.fds + 8
					&& this.directCount <= baseline.directCount + 4 && this.directBytes <= baseline.directBytes + 256 * 1024;
		}

	}

	@Test
	void tenThousandConnectHandshakeCloseCyclesLeaveNoThreadFileDescriptorDirectBufferOrSessionBehind() throws Exception {
		AtomicLong opened = new AtomicLong();
		AtomicLong closed = new AtomicLong();
		WsHandler counting = new WsHandler() {
			@Override
			public void onOpen(WsSession session) {
				opened.incrementAndGet();
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				closed.incrementAndGet();
			}
		};
		WsServer server = TestServers.start(WsServer.builder().config(TestServers.config().build()).endpoint("/", counting));
		try {
			cycles(server, WARM_UP);
			TestServers.await("warm-up sessions to close", Duration.ofSeconds(10), () -> closed.get() == WARM_UP);
			Resources baseline = Resources.now();
			long started = System.nanoTime();
			cycles(server, CYCLES);
			Duration churn = Duration.ofNanos(System.nanoTime() - started);
			TestServers.await("every session to close", Duration.ofSeconds(10), () -> closed.get() == WARM_UP + CYCLES);
			Resources after = Resources.now();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!after.within(baseline) && System.nanoTime() - deadline < 0) {
				System.gc();
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
				after = Resources.now();
			}
			assertThat(opened.get()).isEqualTo(WARM_UP + CYCLES);
			assertThat(server.activeConnections()).isZero();
			assertThat(server.stats("/").connectionsClosed(CloseCategory.NORMAL)).isEqualTo(WARM_UP + CYCLES);
			assertThat(after).as("resources after %d cycles in %s, baseline %s", CYCLES, churn, baseline)
				.matches((resources) -> resources.within(baseline));
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

	/** Connect, upgrade, close handshake, wait for the server to close TCP: sequentially, on loopback. */
	private static void cycles(WsServer server, int count) throws Exception {
		for (int i = 0; i < count; i++) {
			try (RawClient client = RawClient.open(server.port())) {
				client.sendClose(1000, "");
				assertThat(client.readClose().closeCode()).isEqualTo(1000);
				assertThat(client.awaitEndOfStream()).isTrue();
			}
		}
	}

}
