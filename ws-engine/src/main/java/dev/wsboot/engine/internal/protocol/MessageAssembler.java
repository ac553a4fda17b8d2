package dev.wsboot.engine.internal.protocol;

import org.jspecify.annotations.Nullable;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.WsText;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns frames into messages: joins fragments (RFC 6455 §5.4), validates text as UTF-8 as it
 * arrives (§8.1), enforces the message size limit before the payload is buffered, and parses
 * control frames (§5.5). It holds a message buffer only while a message is incomplete. When
 * permessage-deflate was agreed, messages whose first frame has RSV1 set go through a
 * {@link MessageInflater} (RFC 7692 §6.2); the others take the same path as without it.
 */
public final class MessageAssembler implements FrameListener {

	private static final byte[] EMPTY = new byte[0];

	private final MessageListener listener;

	private final long maxMessageSize;

	private final byte[] scratch;

	private final Utf8Validator utf8 = new Utf8Validator();

	/** Null unless permessage-deflate was agreed. */
	private final @Nullable MessageInflater inflater;

	/** Whether text is delivered decoded, to a handler that takes Strings, rather than as bytes. */
	private final boolean decodeText;

	/** Whether the data message in progress is compressed. */
	private boolean compressed;

	/** Opcode of the data message in progress, or -1 between messages. */
	private int messageOpcode = -1;

	private byte[] message;

	private int messageLength;

	/** Opcode of the frame being read. */
	private int frameOpcode;

	private boolean frameFin;

	private int frameLength;

	/** Where the current frame's payload ends in the message buffer. */
	private int frameEnd;

	private byte[] control;

	private int controlLength;

	/**
	 * @param listener receives the messages
	 * @param limits its {@link LimitsConfig#maxMessageSize()} is the largest message accepted, over
	 * all its fragments; larger ones fail with 1009
	 * @param scratch a buffer that may be used during a single {@link FrameDecoder#decode} call to
	 * decode a text frame that arrived whole, saving a copy; shared by all connections of one
	 * thread, never kept between calls
	 */
	public MessageAssembler(MessageListener listener, LimitsConfig limits, byte[] scratch) {
		this(listener, limits, scratch, null);
	}

	/**
	 * @param inflater decompresses messages with RSV1 set, or null if permessage-deflate was not
	 * agreed; the scratch buffer then also holds unmasked compressed bytes on their way into it
	 */
	public MessageAssembler(MessageListener listener, LimitsConfig limits, byte[] scratch, @Nullable MessageInflater inflater) {
		this(listener, limits, scratch, inflater, false);
	}

	/**
	 * @param decodeText whether text messages go to {@link MessageListener#onText(String, int)}
	 * decoded, rather than to {@link MessageListener#onText(WsText)} as bytes
	 */
	public MessageAssembler(MessageListener listener, LimitsConfig limits, byte[] scratch, @Nullable MessageInflater inflater,
			boolean decodeText) {
		this.decodeText = decodeText;
		this.listener = listener;
		this.maxMessageSize = limits.maxMessageSize();
		this.scratch = scratch;
		this.inflater = inflater;
	}

	@Override
	public void onFrameHeader(int opcode, boolean fin, int rsv, long length) {
		this.frameOpcode = opcode;
		this.frameFin = fin;
		if (rsv != 0) {
			checkCompressedFrame(opcode, rsv);
		}
		if (Opcode.isControl(opcode)) {
			this.control = (length == 0) ? EMPTY : new byte[(int) length];
			this.controlLength = 0;
			return;
		}
		if (opcode == Opcode.CONTINUATION) {
			if (this.messageOpcode < 0) {
				throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "Continuation frame without a message to continue");
			}
		}
		else if (this.messageOpcode >= 0) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "New data frame inside a fragmented message");
		}
		long total = this.messageLength + length;
		if (total > this.maxMessageSize) {
			throw new WsProtocolException(CloseStatus.MESSAGE_TOO_BIG,
					"Message exceeds the limit of " + this.maxMessageSize + " bytes");
		}
		if (opcode != Opcode.CONTINUATION) {
			this.messageOpcode = opcode;
			this.messageLength = 0;
			this.utf8.reset();
			this.compressed = rsv != 0;
			if (this.compressed) {
				this.inflater.begin(length, (opcode == Opcode.TEXT) ? this.utf8 : null);
			}
		}
		this.frameLength = (int) length;
		this.frameEnd = (int) total;
	}

	/**
	 * RFC 7692 §6.1: RSV1 marks a compressed message on its first frame only; on a continuation
	 * or a control frame, or without the extension agreed (RFC 6455 §5.2), it fails the connection.
	 */
	private void checkCompressedFrame(int opcode, int rsv) {
		if (this.inflater == null || rsv != FrameHeader.RSV1) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "Reserved bits set without a negotiated extension");
		}
		if (Opcode.isControl(opcode)) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "RSV1 set on a control frame");
		}
		if (opcode == Opcode.CONTINUATION) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "RSV1 set on a continuation frame");
		}
	}

	@Override
	public void onFramePayload(ByteBuffer source, int length, int mask, int maskIndex) {
		if (Opcode.isControl(this.frameOpcode)) {
			Masking.unmaskInto(source, this.control, this.controlLength, length, mask, maskIndex);
			this.controlLength += length;
			return;
		}
		if (this.compressed) {
			inflatePayload(source, length, mask, maskIndex);
			return;
		}
		if (this.decodeText && this.frameOpcode == Opcode.TEXT && this.frameFin && length == this.frameLength
				&& length <= this.scratch.length) {
			deliverWholeTextFrame(source, length, mask);
			return;
		}
		if (this.message == null || this.message.length < this.frameEnd) {
			grow(this.frameEnd);
		}
		int at = this.messageLength;
		Masking.unmaskInto(source, this.message, at, length, mask, maskIndex);
		this.messageLength += length;
		if (this.messageOpcode == Opcode.TEXT) {
			validateText(this.message, at, length);
		}
	}

	/**
	 * Unmasks the compressed bytes through the scratch buffer, a piece at a time, into the
	 * inflater; the compressed input is never kept.
	 */
	private void inflatePayload(ByteBuffer source, int length, int mask, int maskIndex) {
		int done = 0;
		while (done < length) {
			int n = Math.min(length - done, this.scratch.length);
			Masking.unmaskInto(source, this.scratch, 0, n, mask, (maskIndex + done) & 3);
			this.inflater.inflate(this.scratch, 0, n);
			done += n;
		}
		this.messageLength += length;
	}

	/**
	 * The common case of a text message in one frame that arrived whole, for a handler of
	 * Strings: decode it from the scratch buffer and skip the message buffer allocated for it.
	 */
	private void deliverWholeTextFrame(ByteBuffer source, int length, int mask) {
		Masking.unmaskInto(source, this.scratch, 0, length, mask, 0);
		// One pass instead of two: the JDK's decoder replaces every malformed sequence (overlong
		// forms, surrogates, code points past U+10FFFF: RFC 3629 §3) with U+FFFD, so a result
		// without U+FFFD proves the bytes valid. Only a message containing U+FFFD, sent or
		// substituted, goes through our validator to tell which. The whole frame is here, so
		// failing after decoding fails as early as failing at the bad byte would.
		String text = new String(this.scratch, 0, length, StandardCharsets.UTF_8);
		if (text.indexOf('\uFFFD') >= 0) {
			validateText(this.scratch, 0, length);
			if (!this.utf8.isComplete()) {
				throw incompleteText();
			}
		}
		this.messageOpcode = -1;
		// Marks the frame as already delivered for onFrameEnd.
		this.frameOpcode = -1;
		this.listener.onText(text, length);
	}

	private void validateText(byte[] data, int offset, int length) {
		int bad = this.utf8.update(data, offset, length);
		if (bad >= 0) {
			throw new WsProtocolException(CloseStatus.INVALID_PAYLOAD, "Invalid UTF-8 in text message");
		}
	}

	@Override
	public void onFrameEnd() {
		int opcode = this.frameOpcode;
		if (opcode < 0) {
			return;
		}
		if (Opcode.isControl(opcode)) {
			byte[] payload = this.control;
			this.control = null;
			switch (opcode) {
				case Opcode.PING -> this.listener.onPing(payload);
				case Opcode.PONG -> this.listener.onPong(payload);
				default -> deliverClose(payload);
			}
			return;
		}
		if (!this.frameFin) {
			return;
		}
		if (this.compressed) {
			finishCompressed();
			return;
		}
		byte[] data = (this.message == null) ? EMPTY : this.message;
		int length = this.messageLength;
		int messageType = this.messageOpcode;
		this.messageOpcode = -1;
		this.message = null;
		this.messageLength = 0;
		if (messageType == Opcode.TEXT) {
			if (!this.utf8.isComplete()) {
				throw incompleteText();
			}
			deliverText(data, length);
		}
		else {
			this.listener.onBinary((length == data.length) ? data : Arrays.copyOf(data, length));
		}
	}

	private void finishCompressed() {
		byte[] data = this.inflater.finish();
		int length = this.inflater.length();
		int messageType = this.messageOpcode;
		this.messageOpcode = -1;
		this.messageLength = 0;
		this.compressed = false;
		if (messageType == Opcode.TEXT) {
			if (!this.utf8.isComplete()) {
				throw incompleteText();
			}
			deliverText(data, length);
		}
		else {
			this.listener.onBinary((length == data.length) ? data : Arrays.copyOf(data, length));
		}
	}

	/**
	 * A validated text message from a buffer made for it alone: decoded for a handler of Strings,
	 * or taken over by a {@link WsText} without a copy.
	 */
	private void deliverText(byte[] data, int length) {
		if (this.decodeText) {
			this.listener.onText(new String(data, 0, length, StandardCharsets.UTF_8), length);
		}
		else {
			this.listener.onText(WsText.ofTrustedUtf8(data, 0, length));
		}
	}

	/** Validates a close frame's body (RFC 6455 §5.5.1, §7.4). */
	private void deliverClose(byte[] payload) {
		if (payload.length == 0) {
			this.listener.onClose(CloseStatus.NO_STATUS, "");
			return;
		}
		if (payload.length == 1) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "Close frame with a one byte body", true);
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		if (!CloseStatus.isValidOnWire(code)) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "Invalid close code " + code, true);
		}
		if (!Utf8Validator.isValid(payload, 2, payload.length - 2)) {
			throw new WsProtocolException(CloseStatus.INVALID_PAYLOAD, "Close reason is not valid UTF-8", true);
		}
		this.listener.onClose(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
	}

	/**
	 * Makes room for the current frame. The first frame of a message gets exactly its size, so a
	 * single-frame message is delivered without a copy; fragments grow the buffer geometrically.
	 */
	private void grow(int needed) {
		if (this.message == null) {
			this.message = new byte[needed];
			return;
		}
		int newCapacity = (int) Math.min(Math.max(needed, (long) this.message.length * 2), this.maxMessageSize);
		this.message = Arrays.copyOf(this.message, newCapacity);
	}

	private static WsProtocolException incompleteText() {
		return new WsProtocolException(CloseStatus.INVALID_PAYLOAD, "Text message ends inside a UTF-8 sequence");
	}

	/** Whether a fragmented message is in progress. */
	public boolean isMessageInProgress() {
		return this.messageOpcode >= 0;
	}

}
