package dev.wsboot.engine.internal.protocol;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.WsText;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FrameDecoder} with {@link MessageAssembler} (and {@link MessageInflater} when RSV1 is
 * allowed) under arbitrary bytes and configurations. Whatever arrives, the pipeline delivers
 * messages within the limits or fails with a close code the server may send; it never throws
 * anything else, and what it delivers does not depend on how the bytes were split.
 *
 * <p>Input layout (see README, "Fuzzing"): FuzzedDataProvider takes the configuration from the
 * end of the input (compression, context takeover, limits, scratch size, chunk lengths) and the
 * wire bytes from the start, so a committed input is the frames followed by a short trailer.
 */
class FrameDecoderFuzzTests {

	/** Kept small so that the fuzzer reaches the limits. */
	private static final int MAX_LIMIT = 128 * 1024;

	/** The close codes the protocol classes fail a connection with. */
	private static final List<Integer> FAILURE_CODES = List.of(CloseStatus.PROTOCOL_ERROR,
			CloseStatus.INVALID_PAYLOAD, CloseStatus.MESSAGE_TOO_BIG);

	@FuzzTest
	void arbitraryBytesGiveMessagesWithinTheLimitsOrAValidCloseCode(FuzzedDataProvider data) {
		boolean compression = data.consumeBoolean();
		boolean contextTakeover = data.consumeBoolean();
		// The ranges WsServerConfig allows: frame limit at most the message limit, buffers of 1 KiB or more.
		int maxMessageSize = MAX_LIMIT - data.consumeInt(0, MAX_LIMIT - 1);
		int maxFrameSize = maxMessageSize - data.consumeInt(0, maxMessageSize - 1);
		int scratchSize = 1024 + data.consumeInt(0, 3 * 1024);
		int[] chunks = new int[data.consumeInt(0, 32)];
		for (int i = 0; i < chunks.length; i++) {
			chunks[i] = data.consumeInt(1, 512);
		}
		byte[] wire = data.consumeRemainingAsBytes();

		Outcome whole = new Pipeline(compression, contextTakeover, maxMessageSize, maxFrameSize, scratchSize, false)
			.run(wire, new int[0]);
		Outcome split = new Pipeline(compression, contextTakeover, maxMessageSize, maxFrameSize, scratchSize, false)
			.run(wire, chunks);
		assertThat(split.events()).as("the same bytes split at other points").isEqualTo(whole.events());
		// Text decoded for a handler of Strings (one pass over a whole frame) judges as bytes do.
		Outcome decoded = new Pipeline(compression, contextTakeover, maxMessageSize, maxFrameSize, scratchSize, true)
			.run(wire, new int[0]);
		assertThat(decoded.events()).as("the same bytes decoded for a String handler").isEqualTo(whole.events());
		assertThat(decoded.closeCode()).as("close code when decoded").isEqualTo(whole.closeCode());
		if (split.closeCode() != whole.closeCode()) {
			// A compressed message that is both corrupt and too big fails either way; which zlib
			// finds first depends on where its input ends (a fuzzer finding, kept as an input).
			assertThat(List.of(split.closeCode(), whole.closeCode())).as("close codes when split and whole")
				.containsExactlyInAnyOrder(CloseStatus.INVALID_PAYLOAD, CloseStatus.MESSAGE_TOO_BIG);
			assertThat(compression).isTrue();
		}
	}

	/** What a run delivered, and the close code it failed with (0 if none). */
	record Outcome(List<String> events, int closeCode) {
	}

	/** One connection's decoding pipeline and the invariants of what it delivers. */
	static final class Pipeline implements MessageListener {

		private final boolean compression;

		private final boolean contextTakeover;

		private final int maxMessageSize;

		private final int maxFrameSize;

		private final int scratchSize;

		private final List<String> events = new ArrayList<>();

		private FrameDecoder decoder;

		private final boolean decodeText;

		Pipeline(boolean compression, boolean contextTakeover, int maxMessageSize, int maxFrameSize, int scratchSize,
				boolean decodeText) {
			this.decodeText = decodeText;
			this.compression = compression;
			this.contextTakeover = contextTakeover;
			this.maxMessageSize = maxMessageSize;
			this.maxFrameSize = maxFrameSize;
			this.scratchSize = scratchSize;
		}

		/** Feeds the bytes in chunks of the given lengths, repeated; the whole at once if there are none. */
		Outcome run(byte[] wire, int[] chunks) {
			LimitsConfig limits = LimitsConfig.builder()
				.maxMessageSize(this.maxMessageSize)
				.maxFrameSize(this.maxFrameSize)
				.build();
			ZlibPool pool = new ZlibPool(1);
			MessageInflater inflater = this.compression ? new MessageInflater(pool, this.contextTakeover, limits) : null;
			this.decoder = new FrameDecoder(new MessageAssembler(this, limits, new byte[this.scratchSize], inflater, this.decodeText),
					limits, this.compression ? FrameHeader.RSV1 : 0);
			int closeCode = 0;
			try {
				int at = 0;
				int next = 0;
				while (at < wire.length) {
					int n = (chunks.length == 0) ? wire.length : Math.min(chunks[next++ % chunks.length], wire.length - at);
					ByteBuffer chunk = ByteBuffer.wrap(wire, at, n);
					if (closeCode == 0) {
						try {
							this.decoder.decode(chunk);
							assertThat(chunk.hasRemaining()).as("every byte consumed").isFalse();
						}
						catch (WsProtocolException ex) {
							closeCode = ex.closeCode();
							assertThat(FAILURE_CODES).as(ex.getMessage()).contains(closeCode);
							assertThat(CloseStatus.isValidOnWire(closeCode)).isTrue();
						}
					}
					else {
						// A failed decoder discards what follows and delivers nothing more.
						int before = this.events.size();
						this.decoder.decode(chunk);
						assertThat(chunk.hasRemaining()).as("every byte discarded").isFalse();
						assertThat(this.events).hasSize(before);
					}
					at += n;
				}
			}
			finally {
				if (inflater != null) {
					inflater.release();
				}
				pool.close();
			}
			assertThat(pool.liveInflaters()).as("inflaters not ended").isZero();
			return new Outcome(this.events, closeCode);
		}

		@Override
		public void onText(WsText message) {
			onText(message.toString(), message.byteLength());
		}

		@Override
		public void onText(String text, int size) {
			assertThat(size).isBetween(0, this.maxMessageSize);
			// The String's UTF-8 form has the size given, and the size counted the bytes on the
			// wire: a decoder that substituted U+FFFD for bad bytes would change it (mostly) or
			// leave lone surrogates, which strict encoding refuses.
			byte[] encoded = strictUtf8(text);
			assertThat(encoded).hasSize(size);
			this.events.add("text:" + text);
		}

		@Override
		public void onBinary(byte[] data) {
			assertThat(data.length).isLessThanOrEqualTo(this.maxMessageSize);
			this.events.add("binary:" + HexFormat.of().formatHex(data));
		}

		@Override
		public void onPing(byte[] payload) {
			assertThat(payload.length).isLessThanOrEqualTo(125);
			this.events.add("ping:" + HexFormat.of().formatHex(payload));
		}

		@Override
		public void onPong(byte[] payload) {
			assertThat(payload.length).isLessThanOrEqualTo(125);
			this.events.add("pong:" + HexFormat.of().formatHex(payload));
		}

		@Override
		public void onClose(int code, String reason) {
			assertThat(CloseStatus.isValidOnWire(code) || code == CloseStatus.NO_STATUS).as("close code %d", code).isTrue();
			assertThat(strictUtf8(reason).length).isLessThanOrEqualTo(123);
			this.events.add("close:" + code + ":" + reason);
			// As the session does: RFC 6455 §5.5.1, nothing is read after a close frame.
			this.decoder.stop();
		}

		private static byte[] strictUtf8(String text) {
			try {
				ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.encode(CharBuffer.wrap(text));
				byte[] encoded = new byte[bytes.remaining()];
				bytes.get(encoded);
				return encoded;
			}
			catch (CharacterCodingException ex) {
				throw new AssertionError("Delivered text is not valid Unicode: " + ex, ex);
			}
		}

	}

}
