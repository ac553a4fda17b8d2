package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * A real client beside an attack: one connection echoing a 64-byte text at a fixed rate, each
 * round trip timed from the moment it was due (so a stalled server shows as latency, not as fewer
 * samples), and, on a thread of its own, a fresh connection opened and closed now and then, its
 * handshake timed.
 */
public final class PacedEcho {

	/** Round trips and handshakes in nanoseconds; failures are handshakes that did not complete in 5 s. */
	public record Figures(Histogram echo, Histogram connect, long echoErrors, long connectFailures) {
	}

	private final Connector connector;

	private final int perSecond;

	private final long connectEveryMillis;

	private final Histogram echo = LoadResult.newHistogram();

	private final Histogram connect = LoadResult.newHistogram();

	private long connectFailures;

	public PacedEcho(int port, int perSecond, long connectEveryMillis) {
		this.connector = new Connector(port, "/echo", false);
		this.perSecond = perSecond;
		this.connectEveryMillis = connectEveryMillis;
	}

	public Figures run(long millis) throws IOException, InterruptedException {
		long end = System.nanoTime() + millis * 1_000_000L;
		Thread connects = new Thread(() -> connects(end), "paced-echo-connects");
		connects.setDaemon(true);
		connects.start();
		long errors;
		try (Selector selector = Selector.open()) {
			FrameTemplate template = new FrameTemplate(MessageKind.TEXT_ASCII, 64);
			Conn conn = this.connector.open(selector, 1, 1, 16 * 1024, 64 * 1024, 10_000).get(0);
			MessageCheck check = new MessageCheck(template,
					(c, stamp) -> this.echo.recordValue(Math.min(System.nanoTime() - stamp, this.echo.getHighestTrackableValue())));
			long interval = 1_000_000_000L / this.perSecond;
			long next = System.nanoTime();
			try {
				while (System.nanoTime() < end) {
					while (System.nanoTime() >= next) {
						template.writeStamped(conn.out, next);
						next += interval;
					}
					conn.flush();
					long wait = Math.max(1, (next - System.nanoTime()) / 1_000_000L);
					Frames.serviceReady(selector, wait, check);
				}
			}
			finally {
				conn.abort();
			}
			errors = check.errors;
		}
		connects.join();
		return new Figures(this.echo, this.connect, errors, this.connectFailures);
	}

	private void connects(long end) {
		while (System.nanoTime() < end) {
			long started = System.nanoTime();
			try (Selector selector = Selector.open()) {
				List<Conn> conns = this.connector.open(selector, 1, 1, 1024, 256, 5_000);
				this.connect.recordValue(Math.min(System.nanoTime() - started, this.connect.getHighestTrackableValue()));
				conns.forEach(Conn::abort);
			}
			catch (IOException ex) {
				this.connectFailures++;
			}
			java.util.concurrent.locks.LockSupport.parkNanos(this.connectEveryMillis * 1_000_000L);
		}
	}

}
