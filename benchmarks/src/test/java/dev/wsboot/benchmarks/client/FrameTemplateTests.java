package dev.wsboot.benchmarks.client;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTemplateTests {

	@ParameterizedTest
	@CsvSource({ "TEXT_ASCII, 20", "TEXT_UTF8, 1024", "BINARY, 125", "BINARY, 126", "TEXT_UTF8, 65536" })
	void stampedFrameUnmasksToThePayloadWithTheStamp(MessageKind kind, int size) {
		FrameTemplate template = new FrameTemplate(kind, size);
		ByteBuffer out = ByteBuffer.allocate(template.frameLength());
		template.writeStamped(out, 0x0123456789abcdefL);
		byte[] frame = out.array();
		int mask = ByteBuffer.wrap(frame, template.payloadOffset - 4, 4).getInt();
		assertThat(template.readStamp(frame, template.payloadOffset, mask)).isEqualTo(0x0123456789abcdefL);
		byte[] payload = new byte[size];
		for (int i = 0; i < size; i++) {
			payload[i] = (byte) (frame[template.payloadOffset + i] ^ (mask >>> ((3 - (i & 3)) * 8)));
		}
		assertThat(new String(payload, 0, FrameTemplate.STAMP, StandardCharsets.US_ASCII)).isEqualTo("0123456789abcdef");
		assertThat(payload).hasSize(size).endsWith(java.util.Arrays.copyOfRange(template.payload, FrameTemplate.STAMP, size));
	}

	@Test
	void envelopedFrameCarriesTheStampAfterTheHeadAndPassesTheCheckWithAnyStamp() throws Exception {
		FrameTemplate template = new FrameTemplate("42[\"m\",\"", 64, "\"]");
		ByteBuffer out = ByteBuffer.allocate(template.frameLength());
		template.writeStamped(out, 0x0123456789abcdefL);
		byte[] frame = out.array();
		int mask = ByteBuffer.wrap(frame, template.payloadOffset - 4, 4).getInt();
		byte[] payload = new byte[template.size()];
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) (frame[template.payloadOffset + i] ^ Frames.maskByte(mask, i));
		}
		String text = new String(payload, StandardCharsets.US_ASCII);
		assertThat(text).startsWith("42[\"m\",\"0123456789abcdef").endsWith("\"]").hasSize(8 + 64 + 2);
		List<Long> stamps = new ArrayList<>();
		MessageCheck check = new MessageCheck(template, (conn, stamp) -> stamps.add(stamp));
		byte[] other = text.replace("0123456789abcdef", "00000000000000ff").getBytes(StandardCharsets.US_ASCII);
		byte[] wrongTail = text.replace("\"]", "\"}").getBytes(StandardCharsets.US_ASCII);
		try (SocketChannel unused = SocketChannel.open()) {
			Conn conn = new Conn(unused, 64, 64);
			check.frame(conn, 0x81, other, 0, other.length, 0);
			assertThat(check.errors).isZero();
			check.frame(conn, 0x81, wrongTail, 0, wrongTail.length, 0);
			assertThat(check.errors).isOne();
			conn.abort();
		}
		assertThat(stamps).containsExactly(0xffL, 0x0123456789abcdefL);
	}

	@ParameterizedTest
	@CsvSource({ "TEXT_UTF8, 1024", "BINARY, 1024", "TEXT_ASCII, 65536" })
	void compressedFrameInflatesToThePayloadWithTheStamp(MessageKind kind, int size) throws Exception {
		FrameTemplate template = new FrameTemplate(kind, size, true);
		ByteBuffer out = ByteBuffer.allocate(template.frameLength());
		template.writeStamped(out, 0x0123456789abcdefL);
		byte[] frame = out.array();
		assertThat(frame[0] & 0x40).as("RSV1").isNotZero();
		int mask = ByteBuffer.wrap(frame, template.payloadOffset - 4, 4).getInt();
		try (SocketChannel unused = SocketChannel.open()) {
			Conn conn = new Conn(unused, 64, 64);
			conn.inflater = new java.util.zip.Inflater(true);
			conn.startCompressed();
			conn.appendCompressed(frame, template.payloadOffset, frame.length - template.payloadOffset, mask);
			byte[] inflated = new byte[size + 1];
			assertThat(conn.inflate(inflated)).isEqualTo(size);
			assertThat(new String(inflated, 0, FrameTemplate.STAMP, StandardCharsets.US_ASCII)).isEqualTo("0123456789abcdef");
			assertThat(java.util.Arrays.copyOfRange(inflated, FrameTemplate.STAMP, size))
				.isEqualTo(java.util.Arrays.copyOfRange(template.payload, FrameTemplate.STAMP, size));
			conn.abort();
		}
	}

	@Test
	void mixedTextIsValidUtf8WithMultiByteCharacters() throws CharacterCodingException {
		byte[] payload = new FrameTemplate(MessageKind.TEXT_UTF8, 1024).payload;
		String text = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(payload))
			.toString();
		assertThat(text.codePoints().filter((cp) -> cp > 0xffff)).isNotEmpty();
		assertThat(text.length()).isLessThan(1024);
	}

	@Test
	void checkJoinsFragmentsAndCountsDifferences() throws Exception {
		FrameTemplate template = new FrameTemplate(MessageKind.BINARY, 300);
		List<Long> stamps = new ArrayList<>();
		MessageCheck check = new MessageCheck(template, (conn, stamp) -> stamps.add(stamp));
		try (SocketChannel unused = SocketChannel.open()) {
			Conn conn = new Conn(unused, 64, 64);
			byte[] payload = template.payload.clone();
			System.arraycopy("00000000000000ff".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 16);
			check.frame(conn, 0x02, payload, 0, 100, 0);
			check.frame(conn, 0x80, payload, 100, 200, 0);
			payload[250] ^= 1;
			check.frame(conn, 0x82, payload, 0, 300, 0);
		}
		assertThat(stamps).containsExactly(255L, 255L);
		assertThat(check.errors).isEqualTo(1);
	}

}
