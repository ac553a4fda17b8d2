package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One soak connection: its role, where it is in its life, and the sequences it checks. The
 * receiving half is here; {@link SoakLoad} drives the life. Load thread only.
 */
final class SoakClient {

	enum Phase {

		/** Connecting and upgrading. */
		OPENING,

		/** Sending and reading. */
		TALKING,

		/** Leaving: no more sends, waiting for its own messages to come back. */
		DRAINING,

		/** Our close frame sent; waiting for the server's. */
		CLOSING,

		/** The server's close frame received; waiting for the end of the stream. */
		CLOSE_RECEIVED,

		/** A slow reader not reading. */
		STALLED,

		/** A slow reader reading again, to find the server's close frame behind what it was sent. */
		SLOW_DRAINING,

		/** Gone quiet with its socket open: no reads, no pongs. */
		SILENT,

		/** Its socket is closed. */
		DONE

	}

	final long id;

	final SoakRole role;

	final Conn conn;

	final Connector connector;

	final long leaveAt;

	Phase phase = Phase.OPENING;

	/** Own messages sent: numbered from 0. */
	long sent;

	/** Own messages as they come back: the echoes, or the broadcasts it published. */
	final Sequence own;

	/** Other publishers' broadcasts, by publisher id. */
	final Map<Long, Sequence> others = new HashMap<>();

	/** The version of the one timer that counts; older timers in the queue are ignored. */
	long timerVersion;

	long phaseSince;

	boolean wasOpen;

	private final SoakTally tally;

	private final SeqMessage.Parsed parsed;

	SoakClient(long id, SoakRole role, Conn conn, Connector connector, long leaveAt, SoakTally tally,
			SeqMessage.Parsed parsed) {
		this.id = id;
		this.role = role;
		this.conn = conn;
		this.connector = connector;
		this.leaveAt = leaveAt;
		this.tally = tally;
		this.parsed = parsed;
		this.own = new Sequence(tally, true);
		conn.context = this;
	}

	/** Whether this client reads everything it is sent and leaves cleanly: the ones that must lose nothing. */
	boolean reader() {
		return this.role == SoakRole.ECHO || this.role == SoakRole.BROADCAST;
	}

	boolean onBroadcast() {
		return this.role == SoakRole.BROADCAST || this.role == SoakRole.SLOW;
	}

	/** Own messages not back yet. */
	long outstanding() {
		return this.sent - this.own.nextExpected();
	}

	/**
	 * One data frame from the server: checked and counted.
	 * @return the close code when it was a close frame, otherwise -1
	 */
	int frame(int b0, byte[] data, int offset, int length, int mask) throws IOException {
		int opcode = b0 & 0x0f;
		if (opcode == Frames.OP_PING) {
			Frames.pong(this.conn, data, offset, length, mask);
			return -1;
		}
		if (opcode == Frames.OP_CLOSE) {
			return (length >= 2) ? (((data[offset] & 0xff) << 8) | (data[offset + 1] & 0xff)) : 1005;
		}
		if (opcode > Frames.OP_CLOSE) {
			return -1;
		}
		if (opcode != 0x1 || (b0 & 0x80) == 0 || mask != 0
				|| !SeqMessage.parse(data, offset, length, this.parsed)) {
			this.tally.corrupted++;
			return -1;
		}
		byte expectedKind = onBroadcast() ? SeqMessage.BROADCAST : SeqMessage.ECHO;
		if (this.parsed.kind != expectedKind || (!onBroadcast() && this.parsed.id != this.id)) {
			this.tally.corrupted++;
		}
		else if (this.parsed.id == this.id) {
			this.own.accept(this.parsed.seq);
		}
		else {
			this.others.computeIfAbsent(this.parsed.id, (publisher) -> new Sequence(this.tally, false))
				.accept(this.parsed.seq);
		}
		return -1;
	}

	/** Counts what never came: own messages for a reader, gaps in every other stream. */
	void finishSequences() {
		if (reader()) {
			this.own.finish(this.sent);
		}
		this.others.values().forEach((sequence) -> sequence.finish(-1));
		this.others.clear();
	}

}
