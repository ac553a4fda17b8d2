package dev.wsboot.benchmarks.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.wsboot.benchmarks.client.SoakClient.Phase;

/**
 * The soak's clients, all on one selector thread: readers that come and go on {@code /echo} and
 * {@code /broadcast} and check every message's sequence, slow readers, and clients that vanish
 * (see {@link SoakRole}). Runs for the plan's duration, then every client leaves.
 */
public final class SoakLoad {

	private static final long MS = 1_000_000L;

	/** Upgrades in progress at once at most. */
	private static final int MAX_HANDSHAKING = 200;

	/** How long a phase that waits for the server may last before it counts as a failure. */
	private static final long PHASE_TIMEOUT = 10_000 * MS;

	private record Timer(long at, SoakClient client, long version) {
	}

	private final SoakPlan plan;

	private final Connector echo;

	private final Connector broadcast;

	private final Connector slowBroadcast;

	/** The server's count of clients it closed as slow, as last read. */
	private final LongSupplier serverSlowCount;

	private final SoakTally tally = new SoakTally();

	private final Random random = new Random(20261202);

	private final SeqMessage.Parsed parsed = new SeqMessage.Parsed();

	private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));

	private final Set<SoakClient> live = new HashSet<>();

	private final int[] population = new int[SoakRole.values().length];

	/** Slow readers not reading (one at a time in the plan). */
	private final ArrayDeque<SoakClient> stalled = new ArrayDeque<>();

	private final ByteBuffer discard = ByteBuffer.allocate(64 * 1024);

	private final int outCapacity;

	private long nextId;

	private int handshaking;

	private long slowAccounted;

	private long nextSlowAt;

	private long nextSilentAt;

	private long nextAbruptAt;

	private boolean abruptReset;

	public SoakLoad(int port, SoakPlan plan, LongSupplier serverSlowCount) {
		this.plan = plan;
		this.echo = new Connector(port, "/echo", false);
		this.broadcast = new Connector(port, "/broadcast", false);
		this.slowBroadcast = this.broadcast.withReceiveBuffer(4096);
		this.serverSlowCount = serverSlowCount;
		this.outCapacity = 2 * Math.max(plan.echoMaxSize(), plan.broadcastSize()) + 512;
	}

	public SoakTally tally() {
		return this.tally;
	}

	/** Runs the plan: clients come and go for its duration, then all leave; returns when none is left. */
	public void run() throws IOException {
		try (Selector selector = Selector.open()) {
			long start = System.nanoTime();
			long end = start + this.plan.durationMillis() * MS;
			this.nextSlowAt = start + 30_000 * MS;
			this.nextSilentAt = start + 15_000 * MS;
			this.nextAbruptAt = start + 10_000 * MS;
			double tokens = 0;
			long last = start;
			boolean leaving = false;
			Frames.Sink sink = (conn, b0, data, offset, length, mask) -> received((SoakClient) conn.context, b0, data,
					offset, length, mask);
			while (true) {
				long now = System.nanoTime();
				if (!leaving && now >= end) {
					leaving = true;
					new ArrayList<>(this.live).forEach((client) -> leaveAtEnd(client, System.nanoTime()));
				}
				if (leaving && (this.live.isEmpty() || now - end > 60_000 * MS)) {
					break;
				}
				if (!leaving) {
					tokens = Math.min(this.plan.connectsPerSecond() / 10.0,
							tokens + (now - last) / 1e9 * this.plan.connectsPerSecond());
					SoakRole role;
					while (tokens >= 1 && this.handshaking < MAX_HANDSHAKING && (role = needed(now, end)) != null) {
						spawn(selector, role, now);
						tokens--;
					}
				}
				last = now;
				long wait = this.timers.isEmpty() ? 5 : Math.max(1, Math.min(5, (this.timers.peek().at - now) / MS));
				selector.select(wait);
				Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					ready((Conn) key.attachment(), key, sink);
				}
				// Timers after reading: a deadline passed while this thread was held up must not
				// fire before what had arrived in time is read.
				now = System.nanoTime();
				judgedSlow(now);
				fireTimers(now);
			}
			new ArrayList<>(this.live).forEach((client) -> {
				this.tally.closeIncomplete++;
				release(client, true);
			});
		}
	}

	/** The role the next connection takes, or null when every population is complete. */
	private SoakRole needed(long now, long end) {
		// A slow reader needs about 40 s to be judged slow: none starts in the last 90 s.
		// One at a time, so the one the server judged slow is known.
		if (now >= this.nextSlowAt && this.population[SoakRole.SLOW.ordinal()] == 0 && now + 90_000 * MS < end) {
			this.nextSlowAt = now + this.plan.slowEveryMillis() * MS;
			return SoakRole.SLOW;
		}
		if (now >= this.nextSilentAt && now + (this.plan.silentCheckMillis() + 30_000) * MS < end) {
			this.nextSilentAt = now + this.plan.silentEveryMillis() * MS;
			return SoakRole.SILENT;
		}
		if (now >= this.nextAbruptAt) {
			this.nextAbruptAt = now + this.plan.abruptEveryMillis() * MS;
			return SoakRole.ABRUPT;
		}
		double echoShort = 1 - this.population[SoakRole.ECHO.ordinal()] / (double) this.plan.echoClients();
		double broadcastShort = 1 - this.population[SoakRole.BROADCAST.ordinal()] / (double) this.plan.broadcastClients();
		if (echoShort <= 0 && broadcastShort <= 0) {
			return null;
		}
		return (echoShort >= broadcastShort) ? SoakRole.ECHO : SoakRole.BROADCAST;
	}

	private void spawn(Selector selector, SoakRole role, long now) {
		Connector connector = switch (role) {
			case ECHO, SILENT, ABRUPT -> this.echo;
			case BROADCAST -> this.broadcast;
			case SLOW -> this.slowBroadcast;
		};
		long life = switch (role) {
			case ECHO, BROADCAST -> between(this.plan.minLifeMillis(), this.plan.maxLifeMillis());
			case SILENT -> between(5_000, 15_000);
			case ABRUPT -> between(5_000, 30_000);
			case SLOW -> this.plan.slowMaxStallMillis();
		};
		Conn conn;
		try {
			conn = connector.start(selector, 8 * 1024, this.outCapacity);
		}
		catch (IOException ex) {
			this.tally.failedToOpen++;
			return;
		}
		SoakClient client = new SoakClient(this.nextId++, role, conn, connector, now + life * MS, this.tally, this.parsed);
		this.live.add(client);
		this.population[role.ordinal()]++;
		this.handshaking++;
		schedule(client, now + PHASE_TIMEOUT);
		if (conn.state == Conn.State.OPEN) {
			opened(client, now);
		}
	}

	private long between(long fromMillis, long toMillis) {
		return fromMillis + (long) (this.random.nextDouble() * (toMillis - fromMillis));
	}

	private void ready(Conn conn, SelectionKey key, Frames.Sink sink) {
		SoakClient client = (SoakClient) conn.context;
		try {
			boolean justOpened = false;
			if (client.phase == Phase.OPENING) {
				if (!client.connector.advance(conn, client.connector.request())) {
					return;
				}
				opened(client, System.nanoTime());
				justOpened = true;
			}
			if (client.phase == Phase.STALLED || client.phase == Phase.SILENT || client.phase == Phase.DONE) {
				return;
			}
			// Frames may have come in the same read as the 101 response.
			if (justOpened ? conn.in.position() > 0 : key.isReadable()) {
				Frames.read(conn, sink);
			}
			if (client.phase != Phase.DONE) {
				conn.flush();
			}
		}
		catch (EOFException ex) {
			ended(client, "end of stream");
		}
		catch (IOException ex) {
			ended(client, ex.getClass().getSimpleName());
		}
	}

	private void opened(SoakClient client, long now) {
		this.handshaking--;
		client.wasOpen = true;
		this.tally.opened[client.role.ordinal()]++;
		this.tally.open++;
		if (client.role == SoakRole.SLOW) {
			// It reads nothing from now on: its small kernel buffer fills, then the server's queue.
			client.phase = Phase.STALLED;
			client.phaseSince = now;
			client.conn.key.interestOps(0);
			this.stalled.add(client);
			schedule(client, client.leaveAt);
			return;
		}
		client.phase = Phase.TALKING;
		schedule(client, now + between(0, sendInterval(client)) * MS);
	}

	private long sendInterval(SoakClient client) {
		return (client.role == SoakRole.BROADCAST) ? this.plan.publishIntervalMillis() : this.plan.echoIntervalMillis();
	}

	private void received(SoakClient client, int b0, byte[] data, int offset, int length, int mask) throws IOException {
		if (client.phase == Phase.DONE) {
			return;
		}
		int close = client.frame(b0, data, offset, length, mask);
		if (close >= 0) {
			serverClosed(client, close);
		}
		else if (client.phase == Phase.DRAINING && client.outstanding() <= 0) {
			sendClose(client);
		}
	}

	private void serverClosed(SoakClient client, int code) throws IOException {
		if (client.phase == Phase.CLOSING) {
			client.phase = Phase.CLOSE_RECEIVED;
			schedule(client, System.nanoTime() + PHASE_TIMEOUT);
			return;
		}
		if (client.role == SoakRole.SLOW) {
			if (code == 1008) {
				this.tally.slowClosed1008++;
			}
			else {
				this.tally.slowClosedOther++;
			}
		}
		else {
			this.tally.unexpectedCloses.merge(code, 1L, Long::sum);
		}
		// Answer it (RFC 6455 §5.5.1) and wait for the server to end the stream.
		Frames.close(client.conn.out);
		client.conn.flush();
		client.phase = Phase.CLOSE_RECEIVED;
		schedule(client, System.nanoTime() + PHASE_TIMEOUT);
	}

	private void ended(SoakClient client, String how) {
		switch (client.phase) {
			case CLOSE_RECEIVED -> {
				if (client.reader()) {
					this.tally.closedNormally++;
				}
			}
			case SLOW_DRAINING -> this.tally.slowEndedWithoutClose++;
			case DONE -> {
				return;
			}
			default -> {
				if (client.phase == Phase.CLOSING) {
					this.tally.closeIncomplete++;
				}
				else if (client.phase == Phase.OPENING) {
					this.tally.failedToOpen++;
				}
				else {
					this.tally.unexpectedEnd(client.role + " " + client.phase + ": " + how);
				}
			}
		}
		release(client, false);
	}

	/** Once ws.clients.slow went up, the stalled reader reads again to find its close frame. */
	private void judgedSlow(long now) {
		long judged = this.serverSlowCount.getAsLong();
		while (judged > this.slowAccounted && !this.stalled.isEmpty()) {
			this.slowAccounted++;
			drainSlow(this.stalled.poll(), now);
		}
	}

	private void drainSlow(SoakClient client, long now) {
		this.stalled.remove(client);
		client.phase = Phase.SLOW_DRAINING;
		client.conn.key.interestOps(SelectionKey.OP_READ);
		schedule(client, now + PHASE_TIMEOUT);
	}

	private void fireTimers(long now) {
		while (!this.timers.isEmpty() && this.timers.peek().at <= now) {
			Timer timer = this.timers.poll();
			SoakClient client = timer.client;
			if (timer.version == client.timerVersion && client.phase != Phase.DONE) {
				try {
					due(client, now);
				}
				catch (IOException ex) {
					ended(client, ex.getClass().getSimpleName());
				}
			}
		}
	}

	/** The client's timer fired: what happens depends on where it is. */
	private void due(SoakClient client, long now) throws IOException {
		switch (client.phase) {
			case OPENING -> {
				this.tally.failedToOpen++;
				release(client, true);
			}
			case TALKING -> talk(client, now);
			case DRAINING -> {
				this.tally.leftWithMessagesOutstanding++;
				sendClose(client);
			}
			case CLOSING, CLOSE_RECEIVED -> {
				this.tally.closeIncomplete++;
				release(client, true);
			}
			case STALLED -> drainSlow(client, now);
			case SLOW_DRAINING -> {
				// It read what it had been sent and found no close: the server never judged it slow.
				this.tally.slowNotClosed++;
				sendClose(client);
			}
			case SILENT -> checkReaped(client);
			case DONE -> {
			}
		}
	}

	private void talk(SoakClient client, long now) throws IOException {
		if (now >= client.leaveAt) {
			switch (client.role) {
				case SILENT -> {
					client.phase = Phase.SILENT;
					client.conn.key.interestOps(0);
					schedule(client, now + this.plan.silentCheckMillis() * MS);
				}
				case ABRUPT -> vanish(client);
				default -> leave(client);
			}
			return;
		}
		int size = (client.role == SoakRole.BROADCAST) ? this.plan.broadcastSize()
				: 32 + this.random.nextInt(this.plan.echoMaxSize() - 31);
		// At most a few in flight; a full output buffer means the socket is backed up: skip this turn.
		if (client.outstanding() < 4 && client.conn.out.remaining() >= SeqMessage.frameLength(size)) {
			byte kind = (client.role == SoakRole.BROADCAST) ? SeqMessage.BROADCAST : SeqMessage.ECHO;
			SeqMessage.write(client.conn.out, kind, client.id, client.sent++, size);
			this.tally.sent++;
			client.conn.flush();
		}
		long interval = sendInterval(client);
		schedule(client, now + (interval / 2 + between(0, interval)) * MS);
	}

	/** A reader leaves: it waits for its own messages, then closes with 1000. */
	private void leave(SoakClient client) throws IOException {
		client.phase = Phase.DRAINING;
		if (client.outstanding() <= 0) {
			sendClose(client);
		}
		else {
			schedule(client, System.nanoTime() + PHASE_TIMEOUT);
		}
	}

	private void sendClose(SoakClient client) throws IOException {
		Frames.close(client.conn.out);
		client.conn.flush();
		client.phase = Phase.CLOSING;
		schedule(client, System.nanoTime() + PHASE_TIMEOUT);
	}

	/** Closes the socket without a close frame: half of them with a reset, half with a FIN. */
	private void vanish(SoakClient client) {
		this.abruptReset = !this.abruptReset;
		release(client, this.abruptReset);
	}

	/** A silent client's check: the server must have closed its socket by now. */
	private void checkReaped(SoakClient client) {
		boolean reaped = false;
		try {
			int read;
			do {
				this.discard.clear();
				read = client.conn.channel.read(this.discard);
			}
			while (read > 0);
			reaped = read < 0;
		}
		catch (IOException ex) {
			// A reset: the server dropped it.
			reaped = true;
		}
		if (reaped) {
			this.tally.silentReaped++;
		}
		else {
			this.tally.silentNotReaped++;
		}
		release(client, true);
	}

	/** At the end of the soak: readers leave as usual, the others are settled now. */
	private void leaveAtEnd(SoakClient client, long now) {
		try {
			switch (client.phase) {
				case OPENING -> release(client, true);
				case TALKING -> {
					if (client.role == SoakRole.ABRUPT) {
						vanish(client);
					}
					else {
						leave(client);
					}
				}
				case STALLED -> drainSlow(client, now);
				case SILENT -> {
					this.tally.silentUnchecked++;
					release(client, true);
				}
				default -> {
				}
			}
		}
		catch (IOException ex) {
			ended(client, ex.getClass().getSimpleName());
		}
	}

	private void schedule(SoakClient client, long at) {
		client.timerVersion++;
		this.timers.add(new Timer(at, client, client.timerVersion));
	}

	/** Closes the socket (with a reset, or a FIN) and forgets the client. */
	private void release(SoakClient client, boolean reset) {
		if (client.phase == Phase.DONE) {
			return;
		}
		if (client.phase == Phase.OPENING) {
			this.handshaking--;
		}
		client.finishSequences();
		this.stalled.remove(client);
		client.phase = Phase.DONE;
		client.timerVersion++;
		if (reset) {
			client.conn.abort();
		}
		else {
			try {
				client.conn.channel.close();
			}
			catch (IOException ex) {
				client.conn.abort();
			}
		}
		this.live.remove(client);
		this.population[client.role.ordinal()]--;
		if (client.wasOpen) {
			this.tally.open--;
		}
	}

}
