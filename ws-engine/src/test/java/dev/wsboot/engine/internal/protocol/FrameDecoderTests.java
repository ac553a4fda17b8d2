package dev.wsboot.engine.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.WsText;
import dev.wsboot.engine.support.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FrameDecoder} with {@link MessageAssembler}: bytes in, messages out, no socket. Every
 * input is fed whole and one byte at a time, and must give the same messages.
 */
class FrameDecoderTests {

	private static final int LIMIT = 1024 * 1024;

	private static final LimitsConfig LIMITS = LimitsConfig.builder().maxMessageSize(LIMIT).maxFrameSize(LIMIT).build();

	/** Records what the assembler delivers. */
	static final class Recorder implements MessageListener {

		final List<Object> events = new ArrayList<>();

		@Override
		public void onText(WsText text) {
			this.events.add("text:" + text);
		}

		@Override
		public void onBinary(byte[] data) {
			this.events.add(data);
		}

		@Override
		public void onPing(byte[] payload) {
			this.events.add("ping:" + new String(payload, StandardCharsets.UTF_8));
		}

		@Override
		public void onPong(byte[] payload) {
			this.events.add("pong:" + new String(payload, StandardCharsets.UTF_8));
		}

		@Override
		public void onClose(int code, String reason) {
			this.events.add("close:" + code + ":" + reason);
		}

	}

	private static List<Object> decodeWhole(byte[] input, int maxFrame, int maxMessage) {
		return decodeWhole(ByteBuffer.wrap(input), maxFrame, maxMessage);
	}

	/** As the I/O loop reads: a direct buffer in the machine's byte order. */
	private static List<Object> decodeWholeFromLoopBuffer(byte[] input) {
		ByteBuffer buffer = ByteBuffer.allocateDirect(input.length).order(ByteOrder.nativeOrder());
		return decodeWhole(buffer.put(input).flip(), LIMIT, LIMIT);
	}

	private static List<Object> decodeWhole(ByteBuffer input, int maxFrame, int maxMessage) {
		Recorder recorder = new Recorder();
		LimitsConfig limits = LimitsConfig.builder().maxMessageSize(maxMessage).maxFrameSize(maxFrame).build();
		FrameDecoder decoder = new FrameDecoder(new MessageAssembler(recorder, limits, new byte[1024]), limits, 0);
		decoder.decode(input);
		return recorder.events;
	}

	private static List<Object> decodeByteByByte(byte[] input, int maxFrame, int maxMessage) {
		Recorder recorder = new Recorder();
		LimitsConfig limits = LimitsConfig.builder().maxMessageSize(maxMessage).maxFrameSize(maxFrame).build();
		FrameDecoder decoder = new FrameDecoder(new MessageAssembler(recorder, limits, new byte[1024]), limits, 0);
		for (byte b : input) {
			ByteBuffer one = ByteBuffer.wrap(new byte[] { b });
			decoder.decode(one);
			assertThat(one.hasRemaining()).as("decoder consumes every byte").isFalse();
		}
		return recorder.events;
	}

	/**
	 * Decodes whole, byte by byte and from a buffer like the loop's, asserts all give the same
	 * events, and returns them.
	 */
	private static List<Object> decodeBothWays(byte[] input) {
		List<Object> whole = decodeWhole(input, LIMIT, LIMIT);
		List<Object> bytewise = decodeByteByByte(input, LIMIT, LIMIT);
		assertThat(bytewise).containsExactlyElementsOf(whole);
		assertThat(decodeWholeFromLoopBuffer(input)).containsExactlyElementsOf(whole);
		return whole;
	}

	/** Asserts the input fails with the code, fed whole and fed one byte at a time. */
	private static void assertFailsWith(byte[] input, int code) {
		assertFailsWith(input, code, LIMIT, LIMIT);
	}

	private static void assertFailsWith(byte[] input, int code, int maxFrame, int maxMessage) {
		assertThatExceptionOfType(WsProtocolException.class).isThrownBy(() -> decodeWhole(input, maxFrame, maxMessage))
			.satisfies((ex) -> assertThat(ex.closeCode()).as(ex.getMessage()).isEqualTo(code));
		assertThatExceptionOfType(WsProtocolException.class)
			.isThrownBy(() -> decodeByteByByte(input, maxFrame, maxMessage))
			.satisfies((ex) -> assertThat(ex.closeCode()).as(ex.getMessage()).isEqualTo(code));
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

	static Stream<Arguments> autobahnLengths() {
		return Stream.of(Arguments.of("1.1.1", 0), Arguments.of("1.1.2", 125), Arguments.of("1.1.3", 126),
				Arguments.of("1.1.4", 127), Arguments.of("1.1.5", 128), Arguments.of("1.1.6", 65535),
				Arguments.of("1.1.7", 65536));
	}

	static Stream<Arguments> autobahnBinaryLengths() {
		return autobahnLengths().map((args) -> Arguments.of(((String) args.get()[0]).replace("1.1.", "1.2."), args.get()[1]));
	}

	@ParameterizedTest(name = "case {0}: text of {1} bytes")
	@MethodSource("autobahnLengths")
	void textMessageOfEveryLengthEncodingIsDecodedWholeAndOneByteAtATime(String caseId, int length) {
		String text = "*".repeat(length);
		assertThat(decodeBothWays(RawClient.frame(0x81, utf8(text)))).containsExactly("text:" + text);
	}

	@ParameterizedTest(name = "case {0}: binary of {1} bytes")
	@MethodSource("autobahnBinaryLengths")
	void binaryMessageOfEveryLengthEncodingIsDecodedWholeAndOneByteAtATime(String caseId, int length) {
		byte[] data = new byte[length];
		for (int i = 0; i < length; i++) {
			data[i] = (byte) (i * 31);
		}
		List<Object> events = decodeBothWays(RawClient.frame(0x82, data));
		assertThat(events).hasSize(1);
		assertThat((byte[]) events.get(0)).isEqualTo(data);
	}

	@Test
	void severalFramesInOneBufferAreAllDecodedInOrder() {
		byte[] input = concat(RawClient.frame(0x81, utf8("one")), RawClient.frame(0x89, utf8("p")),
				RawClient.frame(0x82, new byte[] { 7 }), RawClient.frame(0x8A, utf8("q")),
				RawClient.frame(0x88, RawClient.closeBody(1000, "bye")));
		List<Object> events = decodeBothWays(input);
		assertThat(events).hasSize(5);
		assertThat(events.get(0)).isEqualTo("text:one");
		assertThat(events.get(1)).isEqualTo("ping:p");
		assertThat((byte[]) events.get(2)).containsExactly(7);
		assertThat(events.get(3)).isEqualTo("pong:q");
		assertThat(events.get(4)).isEqualTo("close:1000:bye");
	}

	@ParameterizedTest(name = "{0}-byte length field for {1} bytes")
	@CsvSource({ "0, 0", "0, 125", "2, 126", "2, 65535", "8, 65536", "8, 200000" })
	void eachMinimalLengthEncodingIsAccepted(int lengthBytes, int length) {
		byte[] data = new byte[length];
		List<Object> events = decodeBothWays(RawClient.frame(0x82, data, true, lengthBytes));
		assertThat((byte[]) events.get(0)).hasSize(length);
	}

	@ParameterizedTest(name = "{0}-byte length field for {1} bytes")
	@CsvSource({ "2, 0", "2, 125", "8, 0", "8, 125", "8, 126", "8, 65535" })
	void lengthInALongerEncodingThanNeededFailsWith1002(int lengthBytes, int length) {
		// RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length".
		assertFailsWith(RawClient.frame(0x82, new byte[length], true, lengthBytes), 1002);
	}

	@Test
	void sixtyFourBitLengthWithTheMostSignificantBitSetFailsWith1002() {
		byte[] header = { (byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };
		assertFailsWith(header, 1002);
	}

	@Test
	void frameOverTheFrameLimitFailsWith1009BeforeItsPayloadArrives() {
		// Only the header is fed: the limit is checked before a byte of payload is buffered.
		assertFailsWith(RawClient.headerWithZeroMask(0x82, 1001), 1009, 1000, 1000);
	}

	@Test
	void fragmentsOverTheMessageLimitFailWith1009() {
		byte[] input = concat(RawClient.frame(0x02, new byte[600]), RawClient.frame(0x80, new byte[600]));
		assertFailsWith(input, 1009, 1000, 1000);
	}

	@Test
	void unmaskedClientFrameFailsWith1002() {
		// RFC 6455 §5.1: the server must close on an unmasked frame.
		assertFailsWith(RawClient.frame(0x81, utf8("hi"), false, -1), 1002);
	}

	@ParameterizedTest(name = "case 3.{0}: RSV bits {0}")
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7 })
	void reservedBitsWithoutAnExtensionFailWith1002(int rsv) {
		assertFailsWith(RawClient.frame(0x81 | (rsv << 4), utf8("hi")), 1002);
	}

	@ParameterizedTest(name = "case 4.x: opcode {0}")
	@ValueSource(ints = { 3, 4, 5, 6, 7, 11, 12, 13, 14, 15 })
	void reservedOpcodesFailWith1002(int opcode) {
		assertFailsWith(RawClient.frame(0x80 | opcode, utf8("hi")), 1002);
	}

	@Test
	void controlFrameOf126BytesFailsWith1002() {
		assertFailsWith(RawClient.frame(0x89, new byte[126]), 1002);
	}

	@ParameterizedTest(name = "case 5.{0}")
	@CsvSource({ "1, 9", "2, 10" })
	void fragmentedControlFrameFailsWith1002(int caseId, int opcode) {
		assertFailsWith(RawClient.frame(opcode, utf8("frag")), 1002);
	}

	@Test
	void fragmentedTextWithInterleavedControlFramesIsJoined() {
		byte[] input = concat(RawClient.frame(0x01, utf8("frag")), RawClient.frame(0x89, utf8("a")),
				RawClient.frame(0x00, utf8("men")), RawClient.frame(0x8A, utf8("b")), RawClient.frame(0x80, utf8("ted")));
		assertThat(decodeBothWays(input)).containsExactly("ping:a", "pong:b", "text:fragmented");
	}

	@Test
	void continuationWithoutAMessageFailsWith1002() {
		assertFailsWith(RawClient.frame(0x80, utf8("x")), 1002);
	}

	@Test
	void newDataFrameInsideAFragmentedMessageFailsWith1002() {
		assertFailsWith(concat(RawClient.frame(0x01, utf8("a")), RawClient.frame(0x81, utf8("b"))), 1002);
	}

	@Test
	void invalidUtf8InTextFailsWith1007() {
		assertFailsWith(RawClient.frame(0x81, new byte[] { 'a', (byte) 0xC0, (byte) 0x80 }), 1007);
	}

	@Test
	void textEndingInsideAUtf8SequenceFailsWith1007() {
		assertFailsWith(RawClient.frame(0x81, new byte[] { 'a', (byte) 0xE2, (byte) 0x82 }), 1007);
		assertFailsWith(concat(RawClient.frame(0x01, new byte[] { (byte) 0xE2 }), RawClient.frame(0x80, new byte[] { (byte) 0x82 })), 1007);
	}

	@Test
	void utf8SequenceSplitAcrossFragmentsIsValid() {
		byte[] euro = utf8("\u20ac");
		byte[] input = concat(RawClient.frame(0x01, new byte[] { euro[0] }), RawClient.frame(0x00, new byte[] { euro[1] }),
				RawClient.frame(0x80, new byte[] { euro[2] }));
		assertThat(decodeBothWays(input)).containsExactly("text:\u20ac");
	}

	@Test
	void invalidUtf8FailsAsSoonAsTheBadByteArrivesBeforeTheFrameIsComplete() {
		// Case 6.4.1-like: header announces 100 bytes; only a valid prefix and one bad byte follow.
		Recorder recorder = new Recorder();
		FrameDecoder decoder = new FrameDecoder(new MessageAssembler(recorder, LIMITS, new byte[1024]), LIMITS, 0);
		decoder.decode(ByteBuffer.wrap(RawClient.headerWithZeroMask(0x81, 100)));
		decoder.decode(ByteBuffer.wrap(utf8("κόσμε")));
		assertThatExceptionOfType(WsProtocolException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] { (byte) 0xF4, (byte) 0x90 })))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(1007));
		assertThat(recorder.events).isEmpty();
	}

	@ParameterizedTest(name = "case {0}")
	@MethodSource("closeBodies")
	void closeFrameBodiesAreCheckedAsRfc6455Section7Says(String caseId, byte[] body, Object expected) {
		byte[] frame = RawClient.frame(0x88, body);
		if (expected instanceof Integer code) {
			assertFailsWith(frame, code);
		}
		else {
			assertThat(decodeBothWays(frame)).containsExactly(expected);
		}
	}

	static Stream<Arguments> closeBodies() {
		return Stream.of(Arguments.of("7.3.1", new byte[0], "close:1005:"),
				Arguments.of("7.3.2", new byte[] { 0x03 }, 1002),
				Arguments.of("7.3.3", RawClient.closeBody(1000, ""), "close:1000:"),
				Arguments.of("7.3.4", RawClient.closeBody(1000, "Hello World!"), "close:1000:Hello World!"),
				Arguments.of("7.3.5", RawClient.closeBody(1000, "*".repeat(123)), "close:1000:" + "*".repeat(123)),
				Arguments.of("7.5.1", concat(RawClient.closeBody(1000, ""), new byte[] { (byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD }), 1007),
				Arguments.of("7.9.1", RawClient.closeBody(0, ""), 1002),
				Arguments.of("7.9.3", RawClient.closeBody(1004, ""), 1002),
				Arguments.of("7.9.4", RawClient.closeBody(1005, ""), 1002),
				Arguments.of("7.9.5", RawClient.closeBody(1006, ""), 1002),
				Arguments.of("7.13.1", RawClient.closeBody(5000, ""), 1002));
	}

	@Test
	void decoderStopsReadingAfterAFailure() {
		Recorder recorder = new Recorder();
		FrameDecoder decoder = new FrameDecoder(new MessageAssembler(recorder, LIMITS, new byte[1024]), LIMITS, 0);
		assertThatExceptionOfType(WsProtocolException.class)
			.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(RawClient.frame(0x83, new byte[0]))));
		ByteBuffer more = ByteBuffer.wrap(RawClient.frame(0x81, utf8("after")));
		decoder.decode(more);
		assertThat(more.hasRemaining()).isFalse();
		assertThat(recorder.events).isEmpty();
	}

	@Test
	void decoderStopsReadingAfterStop() {
		Recorder recorder = new Recorder();
		FrameDecoder decoder = new FrameDecoder(new MessageAssembler(recorder, LIMITS, new byte[1024]), LIMITS, 0);
		decoder.decode(ByteBuffer.wrap(RawClient.frame(0x88, new byte[0])));
		decoder.stop();
		decoder.decode(ByteBuffer.wrap(RawClient.frame(0x81, utf8("after"))));
		assertThat(recorder.events).containsExactly("close:1005:");
	}

	@Test
	void textMessageLargerThanTheScratchBufferIsDecoded() {
		String text = "é".repeat(5000);
		assertThat(decodeBothWays(RawClient.frame(0x81, utf8(text)))).containsExactly("text:" + text);
		assertThat(decodeBothWays(concat(RawClient.frame(0x01, utf8(text)), RawClient.frame(0x80, utf8(text)))))
			.containsExactly("text:" + text + text);
	}

}
