package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Slowloris: many sockets that each send an upgrade request a byte at a time, never its last
 * byte, from one selector thread. While it holds, every socket the server closes is replaced, so
 * the attack keeps its number of sockets. Then it stops replacing and waits for the server to
 * close the rest, and tells how each one ended: answered 408 (the handshake timeout), closed
 * without a byte of answer (dropped for a newer upgrade past the pending limit), or otherwise.
 * The sockets come from 127.0.0.2 and up, so the ports that a fast churn leaves in TIME_WAIT are
 * spread over many source addresses.
 * <p>
 * Run as its own process (see {@link #main}), at a low priority, so that the attack's own work
 * does not delay the real client whose latency is measured beside it.
 */
public final class HalfOpenFlood {

	private static final long MS = 1_000_000L;

	private static final int SOURCE_ADDRESSES = 64;

	/** How the sockets ended, over the whole run. */
	public record Endings(long opened, long timedOut, long dropped, long other, long stillOpen, long connectFailures,
			int maxOpen) {
	}

	private static final class Half {

		final SocketChannel channel;

		int sent;

		long nextByteAt;

		boolean answered408;

		boolean answeredOther;

		boolean connected;

		Half(SocketChannel channel) {
			this.channel = channel;
		}

	}

	private final InetSocketAddress server;

	private final int sockets;

	private final int opensPerSecond;

	private final long byteEveryMillis;

	private final byte[] request;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(4096);

	private final ArrayDeque<Half> trickle = new ArrayDeque<>();

	private volatile int open;

	private volatile boolean holding = true;

	private long opened;

	private long timedOut;

	private long dropped;

	private long other;

	private long connectFailures;

	private int maxOpen;

	private int nextSource;

	public HalfOpenFlood(int port, int sockets, int opensPerSecond, long byteEveryMillis) {
		this.server = new InetSocketAddress("127.0.0.1", port);
		this.sockets = sockets;
		this.opensPerSecond = opensPerSecond;
		this.byteEveryMillis = byteEveryMillis;
		this.request = new String(Frames.upgradeRequest("/echo", port, false), StandardCharsets.US_ASCII)
			.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Arguments: port, sockets, opens per second, milliseconds between bytes, milliseconds to wait
	 * for the server after holding. Prints {@code open N} twice a second and, at the end,
	 * {@code endings} and the fields of {@link Endings} in order. A line {@code stop} on standard
	 * input ends the holding.
	 */
	public static void main(String[] args) throws Exception {
		HalfOpenFlood flood = new HalfOpenFlood(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
				Integer.parseInt(args[2]), Long.parseLong(args[3]));
		Thread control = new Thread(() -> {
			try {
				new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
			}
			catch (IOException ex) {
				// Standard input gone: the parent is gone, stop holding all the same.
				flood.holding = false;
			}
			flood.stopHolding();
		});
		Thread progress = new Thread(() -> {
			while (true) {
				System.out.println("open " + flood.open());
				java.util.concurrent.locks.LockSupport.parkNanos(500 * MS);
			}
		});
		control.setDaemon(true);
		progress.setDaemon(true);
		control.start();
		progress.start();
		Endings e = flood.run(Long.parseLong(args[4]));
		System.out.println("endings " + e.opened() + " " + e.timedOut() + " " + e.dropped() + " " + e.other() + " "
				+ e.stillOpen() + " " + e.connectFailures() + " " + e.maxOpen());
		System.exit(0);
	}

	/** Sockets open now. */
	public int open() {
		return this.open;
	}

	/** From now on, sockets the server closes are not replaced. */
	public void stopHolding() {
		this.holding = false;
	}

	/**
	 * Opens the sockets and keeps them trickling until {@link #stopHolding()}, then waits up to
	 * {@code drainMillis} for the server to close the rest.
	 */
	public Endings run(long drainMillis) throws IOException {
		try (Selector selector = Selector.open()) {
			double tokens = 0;
			long last = System.nanoTime();
			long drainUntil = Long.MAX_VALUE;
			while (true) {
				long now = System.nanoTime();
				if (!this.holding && drainUntil == Long.MAX_VALUE) {
					drainUntil = now + drainMillis * MS;
				}
				if (now >= drainUntil || (!this.holding && this.open == 0)) {
					break;
				}
				tokens = Math.min(this.opensPerSecond / 20.0, tokens + (now - last) / 1e9 * this.opensPerSecond);
				last = now;
				while (this.holding && tokens >= 1 && this.open < this.sockets) {
					tokens--;
					start(selector, now);
				}
				trickle(now);
				selector.select(5);
				Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					ready(key, now);
				}
			}
			for (SelectionKey key : selector.keys()) {
				key.channel().close();
			}
			return new Endings(this.opened, this.timedOut, this.dropped, this.other, this.open, this.connectFailures,
					this.maxOpen);
		}
	}

	private void start(Selector selector, long now) {
		Half half;
		try {
			half = new Half(SocketChannel.open());
		}
		catch (IOException ex) {
			this.connectFailures++;
			return;
		}
		boolean registered = false;
		try {
			half.channel.configureBlocking(false);
			half.channel.bind(new InetSocketAddress("127.0.0." + (2 + this.nextSource++ % SOURCE_ADDRESSES), 0));
			half.channel.register(selector, SelectionKey.OP_CONNECT, half);
			registered = true;
			this.open++;
			this.maxOpen = Math.max(this.maxOpen, this.open);
			if (half.channel.connect(this.server)) {
				half.channel.keyFor(selector).interestOps(SelectionKey.OP_READ);
				connected(half, now);
			}
		}
		catch (IOException ex) {
			this.connectFailures++;
			if (registered) {
				this.open--;
			}
			close(half);
		}
	}

	private void connected(Half half, long now) throws IOException {
		half.connected = true;
		this.opened++;
		writeByte(half);
		half.nextByteAt = now + this.byteEveryMillis * MS;
		this.trickle.add(half);
	}

	/** The next byte to every socket whose turn it is; the queue stays in turn order. */
	private void trickle(long now) {
		while (!this.trickle.isEmpty() && this.trickle.peek().nextByteAt <= now) {
			Half half = this.trickle.poll();
			if (!half.channel.isOpen()) {
				continue;
			}
			try {
				writeByte(half);
				half.nextByteAt = now + this.byteEveryMillis * MS;
				this.trickle.add(half);
			}
			catch (IOException ex) {
				// The server closed it; the read side tells how.
				half.nextByteAt = Long.MAX_VALUE;
			}
		}
	}

	private void writeByte(Half half) throws IOException {
		if (half.sent < this.request.length - 1) {
			half.channel.write(ByteBuffer.wrap(this.request, half.sent, 1));
			half.sent++;
		}
	}

	private void ready(SelectionKey key, long now) {
		Half half = (Half) key.attachment();
		try {
			if (key.isConnectable()) {
				half.channel.finishConnect();
				key.interestOps(SelectionKey.OP_READ);
				connected(half, now);
				return;
			}
			this.readBuffer.clear();
			int read = half.channel.read(this.readBuffer);
			if (read > 0) {
				String answer = new String(this.readBuffer.array(), 0, Math.min(read, 13), StandardCharsets.US_ASCII);
				if (answer.startsWith("HTTP/1.1 408 ")) {
					half.answered408 = true;
				}
				else if (!half.answered408) {
					half.answeredOther = true;
				}
			}
			else if (read < 0) {
				ended(half);
			}
		}
		catch (IOException ex) {
			// Refused or reset: closed by the server as much as an end of stream is.
			ended(half);
		}
	}

	private void ended(Half half) {
		if (!half.connected) {
			this.connectFailures++;
		}
		else if (half.answered408) {
			this.timedOut++;
		}
		else if (half.answeredOther) {
			this.other++;
		}
		else {
			this.dropped++;
		}
		this.open--;
		close(half);
	}

	private static void close(Half half) {
		half.nextByteAt = Long.MAX_VALUE;
		try {
			half.channel.close();
		}
		catch (IOException ex) {
			// Our end of a socket the server already closed: nothing is left to release.
			half.connected = false;
		}
	}

}
