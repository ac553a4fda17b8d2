package dev.wsboot.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.wsboot.engine.internal.protocol.Utf8Validator;

/**
 * A text message as its UTF-8 bytes, already known to be valid UTF-8 (RFC 6455 §8.1), so it can be
 * relayed, echoed, compared or parsed (a JSON reader takes bytes) without decoding it to a
 * {@link String} and encoding it again. Immutable and safe to share between threads: the bytes
 * never change once it exists, and {@link #toString()} decodes them at most once.
 *
 * <p>What the engine delivers ({@link WsHandler#onText(WsSession, WsText)}) holds the bytes it read
 * for that message alone; {@link WsSession#sendText(WsText)} frames them as they are.
 */
public final class WsText {

	private static final WsText EMPTY = new WsText(new byte[0], 0, 0, "");

	private final byte[] bytes;

	private final int offset;

	private final int length;

	/**
	 * The decoded text, made on first use. A racy cache as {@code String.hash} is: a String is
	 * immutable, so a thread that sees the reference sees the whole string, and two threads
	 * decoding at once only both do the work.
	 */
	private @Nullable String text;

	/** The hash of the bytes, 0 until computed (as {@code String.hash}). */
	private int hash;

	private WsText(byte[] bytes, int offset, int length, @Nullable String text) {
		this.bytes = bytes;
		this.offset = offset;
		this.length = length;
		this.text = text;
	}

	/** The text of a string: encoded to UTF-8 once here, and the string kept for {@link #toString()}. */
	public static WsText of(String text) {
		if (text.isEmpty()) {
			return EMPTY;
		}
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		return new WsText(utf8, 0, utf8.length, text);
	}

	/**
	 * A copy of UTF-8 bytes, validated.
	 * @throws IllegalArgumentException if the range is not complete, valid UTF-8 (RFC 3629)
	 */
	public static WsText copyOf(byte[] utf8, int offset, int length) {
		return ofUtf8(Arrays.copyOfRange(utf8, offset, offset + length));
	}

	/**
	 * The bytes of an array that the caller hands over: validated, not copied, so the array must
	 * not change afterwards.
	 * @throws IllegalArgumentException if the bytes are not complete, valid UTF-8 (RFC 3629)
	 */
	public static WsText ofUtf8(byte[] utf8) {
		if (!Utf8Validator.isValid(utf8, 0, utf8.length)) {
			throw new IllegalArgumentException("Not valid UTF-8");
		}
		return new WsText(utf8, 0, utf8.length, null);
	}

	/**
	 * A range of an array that the caller hands over and vouches for: neither copied nor validated,
	 * for bytes that are valid UTF-8 by construction (what the engine received and validated, what
	 * a JSON writer produced). The array must not change afterwards. Bytes that are not valid
	 * UTF-8 would go out as an invalid text frame, which the client must fail with 1007 (§8.1).
	 */
	public static WsText ofTrustedUtf8(byte[] utf8, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, utf8.length);
		return new WsText(utf8, offset, length, null);
	}

	/** The message's length in UTF-8 bytes, as on the wire before any compression. */
	public int byteLength() {
		return this.length;
	}

	public boolean isEmpty() {
		return this.length == 0;
	}

	/** A read-only view of the bytes, from position 0 to its limit; no copy. */
	public ByteBuffer asByteBuffer() {
		return ByteBuffer.wrap(this.bytes, this.offset, this.length).slice().asReadOnlyBuffer();
	}

	/**
	 * Lends the bytes to a reader, such as a JSON parser that takes an array and a range, without
	 * copying them. The reader must not change the array nor keep it past the call.
	 */
	public <R> R read(Utf8Reader<R> reader) {
		return reader.read(this.bytes, this.offset, this.length);
	}

	/** Writes the bytes to a stream. */
	public void writeTo(OutputStream out) throws IOException {
		out.write(this.bytes, this.offset, this.length);
	}

	/** A copy of the bytes. */
	public byte[] toByteArray() {
		return Arrays.copyOfRange(this.bytes, this.offset, this.offset + this.length);
	}

	/** The text, decoded from the bytes on the first call and kept. */
	@Override
	public String toString() {
		String text = this.text;
		if (text == null) {
			// The bytes are valid UTF-8, so the JDK's decoder (an intrinsic for ASCII runs)
			// replaces nothing: this is the exact text.
			text = new String(this.bytes, this.offset, this.length, StandardCharsets.UTF_8);
			this.text = text;
		}
		return text;
	}

	/** Equal when the bytes are, which for valid UTF-8 is when the texts are. */
	@Override
	public boolean equals(@Nullable Object other) {
		return (other == this) || (other instanceof WsText that && Arrays.equals(this.bytes, this.offset,
				this.offset + this.length, that.bytes, that.offset, that.offset + that.length));
	}

	@Override
	public int hashCode() {
		int h = this.hash;
		if (h == 0) {
			h = 1;
			for (int i = this.offset, end = this.offset + this.length; i < end; i++) {
				h = 31 * h + this.bytes[i];
			}
			this.hash = h;
		}
		return h;
	}

	/** Reads a text's bytes in place: see {@link WsText#read}. */
	@FunctionalInterface
	public interface Utf8Reader<R> {

		R read(byte[] utf8, int offset, int length);

	}

}
