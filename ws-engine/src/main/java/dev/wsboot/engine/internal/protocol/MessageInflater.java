package dev.wsboot.engine.internal.protocol;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.LimitsConfig;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the incoming messages of one connection (RFC 7692 §7.2.2) as their frames arrive,
 * never producing more than the message size limit: output grows in steps of at most
 * {@link #CHUNK} bytes and the connection fails with 1009 as soon as one byte more than the limit
 * comes out, so a small "zip bomb" costs no more memory than an uncompressed message of the limit.
 * Text is checked as UTF-8 chunk by chunk, so invalid text fails with 1007 before it is all
 * inflated.
 *
 * <p>With context takeover the connection keeps its Inflater between messages; with
 * {@code client_no_context_takeover} it borrows one from the pool for each message and holds none
 * in between. Used by the connection's I/O thread only.
 */
public final class MessageInflater {

	/** §7.2.2: the tail the sender removed from each message (§7.2.1), appended before inflating. */
	private static final byte[] TAIL = { 0, 0, (byte) 0xFF, (byte) 0xFF };

	/** The most bytes inflated before they are checked against the limit and as UTF-8. */
	static final int CHUNK = 64 * 1024;

	private final ZlibPool pool;

	private final boolean contextTakeover;

	private final int maxMessageSize;

	private final byte[] probe = new byte[1];

	private Inflater inflater;

	private byte[] output;

	private int length;

	private Utf8Validator utf8;

	/** Whether the message in progress has had any compressed byte. */
	private boolean hasInput;

	/**
	 * @param pool where Inflaters come from and go back to
	 * @param contextTakeover whether the client keeps its context between messages, so this side
	 * must keep its Inflater too; false when {@code client_no_context_takeover} was agreed
	 * @param limits its {@link LimitsConfig#maxMessageSize()} is the largest inflated message; more
	 * fails with 1009
	 */
	public MessageInflater(ZlibPool pool, boolean contextTakeover, LimitsConfig limits) {
		this.pool = pool;
		this.contextTakeover = contextTakeover;
		this.maxMessageSize = limits.maxMessageSize();
	}

	/**
	 * Starts a compressed message.
	 * @param firstFrameLength the compressed length of its first frame, to size the output
	 * @param utf8 the validator to feed the inflated bytes of a text message, or null for binary
	 */
	public void begin(long firstFrameLength, Utf8Validator utf8) {
		if (this.inflater == null) {
			this.inflater = this.pool.takeInflater();
		}
		this.utf8 = utf8;
		this.hasInput = false;
		this.length = 0;
		this.output = new byte[(int) Math.min(this.maxMessageSize, Math.max(256, Math.min(CHUNK, 2 * firstFrameLength)))];
	}

	/** Inflates the next compressed bytes of the message. */
	public void inflate(byte[] compressed, int offset, int count) {
		this.hasInput |= count > 0;
		this.inflater.setInput(compressed, offset, count);
		drain();
	}

	/**
	 * Ends the message: appends the tail and inflates what is left (§7.2.2).
	 * @return the inflated bytes, from 0 to {@link #length()}; the inflater keeps no reference
	 */
	public byte[] finish() {
		// An empty payload is not valid deflate data even with the tail (§7.2.3.6 sends 0x00), but
		// some clients (Java-WebSocket) send it for an empty message: read it as one, and leave the
		// context untouched, as the tail alone would break it.
		if (this.hasInput) {
			inflate(TAIL, 0, TAIL.length);
		}
		byte[] message = this.output;
		this.output = null;
		this.utf8 = null;
		if (!this.contextTakeover) {
			this.pool.release(this.inflater);
			this.inflater = null;
		}
		else if (this.inflater.finished()) {
			// §7.2.3.3 allows a final block (BFINAL); the stream ends there and the next message
			// starts from a fresh state, as the sender's compressor must after a final block.
			this.inflater.reset();
		}
		return message;
	}

	/** The length of the message {@link #finish()} returned. */
	public int length() {
		return this.length;
	}

	/** Gives the Inflater back, at the latest when the connection closes. */
	public void release() {
		this.output = null;
		if (this.inflater != null) {
			this.pool.release(this.inflater);
			this.inflater = null;
		}
	}

	private void drain() {
		try {
			while (true) {
				if (this.length == this.output.length && !grow()) {
					return;
				}
				int room = Math.min(CHUNK, this.output.length - this.length);
				int n = this.inflater.inflate(this.output, this.length, room);
				if (n > 0 && this.utf8 != null && this.utf8.update(this.output, this.length, n) >= 0) {
					throw new WsProtocolException(CloseStatus.INVALID_PAYLOAD, "Invalid UTF-8 in text message");
				}
				this.length += n;
				if (n < room) {
					// Less than the room offered: every input byte is used, or the stream ended.
					if (this.inflater.needsDictionary()) {
						throw new WsProtocolException(CloseStatus.INVALID_PAYLOAD, "Compressed data needs a preset dictionary");
					}
					return;
				}
			}
		}
		catch (DataFormatException ex) {
			// zlib's own words stay here: no internal detail goes to the client.
			throw new WsProtocolException(CloseStatus.INVALID_PAYLOAD, "Invalid compressed data");
		}
	}

	/**
	 * Makes room for more output.
	 * @return false if the output is at the limit and nothing more comes out
	 * @throws WsProtocolException with 1009 if the output is at the limit and more comes out
	 */
	private boolean grow() throws DataFormatException {
		if (this.output.length >= this.maxMessageSize) {
			if (this.inflater.inflate(this.probe) > 0) {
				throw new WsProtocolException(CloseStatus.MESSAGE_TOO_BIG,
						"Message inflates beyond the limit of " + this.maxMessageSize + " bytes");
			}
			return false;
		}
		int capacity = (int) Math.min(this.maxMessageSize, Math.max(this.output.length * 2L, 256));
		this.output = Arrays.copyOf(this.output, capacity);
		return true;
	}

}
