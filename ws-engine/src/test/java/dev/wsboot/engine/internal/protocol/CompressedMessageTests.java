package dev.wsboot.engine.internal.protocol;

import dev.wsboot.engine.CloseStatus;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.internal.protocol.FrameDecoderTests.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Compressed messages through {@link FrameDecoder}, {@link MessageAssembler} and
 * {@link MessageInflater}: the RSV1 rules of RFC 7692 §6, inflating within the message limit, UTF-8
 * of the inflated text, and {@link MessageDeflater}'s frames read back. No socket.
 */
class CompressedMessageTests {

	private static final int LIMIT = 1024 * 1024;

	private static final LimitsConfig LIMITS = LimitsConfig.builder().maxMessageSize(LIMIT).maxFrameSize(LIMIT).build();

	/** RSV1 in the first header byte. */
	private static final int RSV1 = 0x40;

	private final ZlibPool pool = new ZlibPool(4);

	private final Recorder recorder = new Recorder();

	private MessageInflater inflater;

	@AfterEach
	void releaseCodecs() {
		if (this.inflater != null) {
			this.inflater.release();
		}
		this.pool.close();
		assertThat(this.pool.liveInflaters()).as("inflaters not ended").isZero();
		assertThat(this.pool.liveDeflaters()).as("deflaters not ended").isZero();
	}

	private FrameDecoder decoder(boolean contextTakeover, int limit) {
		LimitsConfig limits = LimitsConfig.builder().maxMessageSize(limit).maxFrameSize(limit).build();
		this.inflater = new MessageInflater(this.pool, contextTakeover, limits);
		return new FrameDecoder(new MessageAssembler(this.recorder, limits, new byte[1024], this.inflater), limits, FrameHeader.RSV1);
	}

	private FrameDecoder decoder() {
		return decoder(true, LIMIT);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private void decodeOneByteAtATime(FrameDecoder decoder, byte[] input) {
		for (byte b : input) {
			decoder.decode(ByteBuffer.wrap(new byte[] { b }));
		}
	}

	@Test
	void compressedTextInOneFrameIsInflated() {
		String text = "Hello, compressed world! ".repeat(40);
		decoder().decode(ByteBuffer.wrap(RawClient.frame(0x80 | RSV1 | 0x1, Deflate.compress(utf8(text)))));
		assertThat(this.recorder.events).containsExactly("text:" + text);
	}

	@Test
	void compressedTextFedOneByteAtATimeIsInflated() {
		String text = "é one byte at a time ".repeat(30);
		decodeOneByteAtATime(decoder(), RawClient.frame(0x80 | RSV1 | 0x1, Deflate.compress(utf8(text))));
		assertThat(this.recorder.events).containsExactly("text:" + text);
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 1023, 1024, 1025, 100_000, LIMIT - 1024 })
	void compressedBinaryOfManySizesIsInflatedExactly(int size) {
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		decoder().decode(ByteBuffer.wrap(RawClient.frame(0x80 | RSV1 | 0x2, Deflate.compress(data))));
		assertThat((byte[]) this.recorder.events.get(0)).isEqualTo(data);
	}

	@Test
	void emptyMessageSentAsTheSingleByte0x00IsInflatedToNothing() {
		// RFC 7692 §7.2.3.6.
		decoder().decode(ByteBuffer.wrap(RawClient.frame(0x80 | RSV1 | 0x1, new byte[] { 0x00 })));
		assertThat(this.recorder.events).containsExactly("text:");
	}

	@Test
	void emptyCompressedPayloadAsJavaWebSocketSendsItIsAnEmptyMessageAndKeepsTheContext() {
		Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		try {
			byte[] first = Deflate.compress(client, utf8("before"));
			byte[] second = Deflate.compress(client, utf8("after"));
			decoder().decode(ByteBuffer.wrap(concat(RawClient.frame(0x80 | RSV1 | 0x1, first),
					RawClient.frame(0x80 | RSV1 | 0x1, new byte[0]), RawClient.frame(0x80 | RSV1 | 0x1, second))));
			assertThat(this.recorder.events).containsExactly("text:before", "text:", "text:after");
		}
		finally {
			client.end();
		}
	}

	@Test
	void compressedMessageFragmentedWithControlFramesBetweenIsInflatedWhole() {
		String text = "fragmented and compressed ".repeat(50);
		byte[] compressed = Deflate.compress(utf8(text));
		int third = compressed.length / 3;
		byte[] input = concat(
				RawClient.frame(RSV1 | 0x1, Arrays.copyOfRange(compressed, 0, third)),
				RawClient.frame(0x89, utf8("ping")),
				RawClient.frame(0x00, Arrays.copyOfRange(compressed, third, 2 * third)),
				RawClient.frame(0x80, Arrays.copyOfRange(compressed, 2 * third, compressed.length)));
		decoder().decode(ByteBuffer.wrap(input));
		assertThat(this.recorder.events).containsExactly("ping:ping", "text:" + text);
	}

	@Test
	void messagesWithContextTakeoverReferToEarlierMessages() {
		Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		try {
			String text = "a sentence the second message will refer back to";
			byte[] first = Deflate.compress(client, utf8(text));
			byte[] second = Deflate.compress(client, utf8(text));
			assertThat(second.length).as("second message compressed against the first").isLessThan(first.length);
			decoder(true, LIMIT).decode(ByteBuffer.wrap(concat(RawClient.frame(0x80 | RSV1 | 0x1, first),
					RawClient.frame(0x80 | RSV1 | 0x1, second))));
			assertThat(this.recorder.events).containsExactly("text:" + text, "text:" + text);
		}
		finally {
			client.end();
		}
	}

	@Test
	void withoutContextTakeoverTheInflaterIsBorrowedPerMessageAndGivenBack() {
		FrameDecoder decoder = decoder(false, LIMIT);
		for (int i = 0; i < 3; i++) {
			decoder.decode(ByteBuffer.wrap(RawClient.frame(0x80 | RSV1 | 0x1, Deflate.compress(utf8("message " + i)))));
		}
		assertThat(this.recorder.events).containsExactly("text:message 0", "text:message 1", "text:message 2");
		assertThat(this.pool.liveInflaters()).as("one inflater, reused").isEqualTo(1);
	}

	@Test
	void uncompressedMessagesStillWorkWhenTheExtensionIsAgreed() {
		decoder().decode(ByteBuffer.wrap(concat(RawClient.frame(0x81, utf8("plain")),
				RawClient.frame(0x80 | RSV1 | 0x1, Deflate.compress(utf8("squeezed"))), RawClient.frame(0x82, new byte[] { 7 }))));
		assertThat(this.recorder.events).hasSize(3);
		assertThat(this.recorder.events.subList(0, 2)).containsExactly("text:plain", "text:squeezed");
	}

	@Test
	void rsv1OnAContinuationFrameFailsWith1002() {
		byte[] compressed = Deflate.compress(utf8("split in two"));
		byte[] input = concat(RawClient.frame(RSV1 | 0x1, Arrays.copyOf(compressed, 4)),
				RawClient.frame(0x80 | RSV1, Arrays.copyOfRange(compressed, 4, compressed.length)));
		assertFailsWith(input, CloseStatus.PROTOCOL_ERROR);
	}

	@ParameterizedTest(name = "opcode {0}")
	@ValueSource(ints = { 0x8, 0x9, 0xA })
	void rsv1OnAControlFrameFailsWith1002(int opcode) {
		assertFailsWith(RawClient.frame(0x80 | RSV1 | opcode, new byte[0]), CloseStatus.PROTOCOL_ERROR);
	}

	@Test
	void rsv1WithoutTheExtensionAgreedFailsWith1002() {
		FrameDecoder decoder = new FrameDecoder(new MessageAssembler(this.recorder, LIMITS, new byte[1024]), LIMITS, 0);
		assertThatExceptionOfType(WsProtocolException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(RawClient.frame(0x80 | RSV1 | 0x1, Deflate.compress(utf8("x"))))))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseStatus.PROTOCOL_ERROR));
	}

	@ParameterizedTest(name = "RSV bits {0}")
	@ValueSource(ints = { 0x20, 0x10, 0x60 })
	void rsv2AndRsv3StillFailWith1002WhenTheExtensionIsAgreed(int rsv) {
		assertFailsWith(RawClient.frame(0x80 | rsv | 0x1, utf8("x")), CloseStatus.PROTOCOL_ERROR);
	}

	@Test
	void messageInflatingBeyondTheLimitFailsWith1009() {
		// 64 MiB of zeros deflate to about 64 KiB: a "zip bomb" against a 1 MiB limit.
		byte[] bomb = Deflate.compress(new byte[64 * 1024 * 1024]);
		assertThat(bomb.length).isLessThan(LIMIT);
		assertFailsWith(RawClient.frame(0x80 | RSV1 | 0x2, bomb), CloseStatus.MESSAGE_TOO_BIG);
	}

	@Test
	void messageInflatingBeyondTheLimitFailsBeforeItsLastFrameArrives() {
		byte[] bomb = Deflate.compress(new byte[8 * LIMIT]);
		FrameDecoder decoder = decoder();
		// The first fragment alone already inflates past the limit.
		assertThatExceptionOfType(WsProtocolException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(RawClient.frame(RSV1 | 0x2, Arrays.copyOf(bomb, bomb.length - 16)))))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseStatus.MESSAGE_TOO_BIG));
	}

	@Test
	void messageInflatingToExactlyTheLimitIsDelivered() {
		byte[] data = new byte[4096];
		decoder(true, data.length).decode(ByteBuffer.wrap(RawClient.frame(0x80 | RSV1 | 0x2, Deflate.compress(data))));
		assertThat((byte[]) this.recorder.events.get(0)).isEqualTo(data);
	}

	@Test
	void messageInflatingToOneByteOverTheLimitFailsWith1009() {
		byte[] data = new byte[4097];
		assertThatExceptionOfType(WsProtocolException.class)
			.isThrownBy(() -> decoder(true, 4096).decode(ByteBuffer.wrap(RawClient.frame(0x80 | RSV1 | 0x2, Deflate.compress(data)))))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseStatus.MESSAGE_TOO_BIG));
	}

	@Test
	void compressedBytesOverTheLimitFailWith1009EvenIfTheyInflateToLittle() {
		byte[] random = new byte[LIMIT + 1024];
		new Random(1).nextBytes(random);
		assertFailsWith(RawClient.frame(0x80 | RSV1 | 0x2, Deflate.compress(random)), CloseStatus.MESSAGE_TOO_BIG);
	}

	@Test
	void invalidUtf8InInflatedTextFailsWith1007() {
		byte[] invalid = concat(utf8("valid start "), new byte[] { (byte) 0xC0, (byte) 0xAF });
		assertFailsWith(RawClient.frame(0x80 | RSV1 | 0x1, Deflate.compress(invalid)), CloseStatus.INVALID_PAYLOAD);
	}

	@Test
	void invalidUtf8InInflatedTextFailsAsSoonAsItIsInflatedBeforeTheMessageEnds() {
		byte[] invalid = concat(new byte[] { (byte) 0xFF }, utf8("x".repeat(100_000)));
		byte[] compressed = Deflate.compress(invalid);
		FrameDecoder decoder = decoder();
		assertThatExceptionOfType(WsProtocolException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(RawClient.frame(RSV1 | 0x1, compressed))))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseStatus.INVALID_PAYLOAD));
	}

	@Test
	void inflatedTextEndingInsideAUtf8SequenceFailsWith1007() {
		byte[] truncated = Arrays.copyOf(utf8("ends in é"), utf8("ends in é").length - 1);
		assertFailsWith(RawClient.frame(0x80 | RSV1 | 0x1, Deflate.compress(truncated)), CloseStatus.INVALID_PAYLOAD);
	}

	@Test
	void dataThatIsNotDeflateFailsWith1007() {
		assertFailsWith(RawClient.frame(0x80 | RSV1 | 0x2, new byte[] { (byte) 0xFF, (byte) 0xFF, 0x12, 0x34 }),
				CloseStatus.INVALID_PAYLOAD);
	}

	@ParameterizedTest(name = "{0} bytes, context takeover {1}")
	@CsvSource({ "0, true", "0, false", "10, true", "300, false", "70000, true", "2000000, false" })
	void deflaterFramesHaveRsv1AndInflateBackToTheMessage(int size, boolean contextTakeover) {
		byte[] data = utf8("compress me ".repeat(size / 12 + 1).substring(0, size));
		MessageDeflater deflater = new MessageDeflater(this.pool, contextTakeover);
		Inflater client = new Inflater(true);
		try {
			for (int i = 0; i < 2; i++) {
				ByteBuffer frame = deflater.frame(Opcode.TEXT, data, 0, data.length);
				byte[] bytes = new byte[frame.remaining()];
				frame.get(bytes);
				assertThat(bytes[0] & 0xFF).as("FIN, RSV1, text").isEqualTo(0xC1);
				int length = payloadLength(bytes);
				byte[] compressed = Arrays.copyOfRange(bytes, bytes.length - length, bytes.length);
				assertThat(bytes.length - length).isEqualTo(FrameEncoder.headerLength(length));
				assertThat(Deflate.decompress(client, compressed)).isEqualTo(data);
			}
		}
		finally {
			client.end();
			deflater.release();
		}
	}

	@Test
	void emptyMessageIsSentAsTheSingleByte0x00() {
		ByteBuffer frame = MessageDeflater.compressOnce(this.pool, Opcode.BINARY, new byte[0], 0, 0);
		assertThat(frame.remaining()).isEqualTo(3);
		assertThat(frame.get(2)).isZero();
	}

	@Test
	void framesWithoutContextTakeoverAreIdenticalForTheSameMessage() {
		byte[] data = utf8("the same for every client ".repeat(20));
		ByteBuffer a = MessageDeflater.compressOnce(this.pool, Opcode.TEXT, data, 0, data.length);
		ByteBuffer b = new MessageDeflater(this.pool, false).frame(Opcode.TEXT, data, 0, data.length);
		assertThat(a).isEqualTo(b);
	}

	@Test
	void releasedDeflaterMakesNoMoreFramesAndEndsNothingTwice() {
		MessageDeflater deflater = new MessageDeflater(this.pool, true);
		assertThat(deflater.frame(Opcode.TEXT, new byte[10], 0, 10)).isNotNull();
		deflater.release();
		deflater.release();
		assertThat(deflater.frame(Opcode.TEXT, new byte[10], 0, 10)).isNull();
	}

	private static int payloadLength(byte[] frame) {
		int len7 = frame[1] & 0x7F;
		if (len7 < 126) {
			return len7;
		}
		if (len7 == 126) {
			return ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
		}
		return ByteBuffer.wrap(frame, 2, 8).getInt(6);
	}

	private void assertFailsWith(byte[] input, int code) {
		assertThatExceptionOfType(WsProtocolException.class).isThrownBy(() -> decoder().decode(ByteBuffer.wrap(input)))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(code));
		this.inflater.release();
		assertThatExceptionOfType(WsProtocolException.class).isThrownBy(() -> decodeOneByteAtATime(decoder(), input))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(code));
		assertThat(List.copyOf(this.recorder.events)).isEmpty();
	}

}
