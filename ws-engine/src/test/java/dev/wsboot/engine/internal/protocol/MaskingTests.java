package dev.wsboot.engine.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Masking} against the byte-by-byte definition of RFC 6455 §5.3, at every offset, length
 * and key position, so the eight-bytes-at-a-time path and its tail both agree with it.
 */
class MaskingTests {

	@Test
	void unmaskingMatchesTheRfcDefinitionAtEveryOffsetLengthAndKeyPosition() {
		Random random = new Random(5_3);
		byte[] key = { (byte) 0x37, (byte) 0xFA, (byte) 0x21, (byte) 0x3D };
		int mask = ((key[0] & 0xFF) << 24) | ((key[1] & 0xFF) << 16) | ((key[2] & 0xFF) << 8) | (key[3] & 0xFF);
		for (int offset = 0; offset < 17; offset++) {
			for (int length = 0; length < 41; length++) {
				for (int maskIndex = 0; maskIndex < 4; maskIndex++) {
					byte[] data = new byte[offset + length + 5];
					random.nextBytes(data);
					byte[] expected = data.clone();
					for (int i = 0; i < length; i++) {
						expected[offset + i] ^= key[(maskIndex + i) & 3];
					}
					Masking.unmask(data, offset, length, mask, maskIndex);
					assertThat(data).as("offset %d, length %d, mask index %d", offset, length, maskIndex).isEqualTo(expected);
				}
			}
		}
	}

	@Test
	void copyingUnmaskMatchesTheRfcDefinitionInEitherBufferOrderAtEveryOffsetLengthAndKeyPosition() {
		Random random = new Random(5_3);
		byte[] key = { (byte) 0x37, (byte) 0xFA, (byte) 0x21, (byte) 0x3D };
		int mask = 0x37FA213D;
		for (ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
			for (int from = 0; from < 9; from++) {
				for (int length = 0; length < 41; length++) {
					for (int maskIndex = 0; maskIndex < 4; maskIndex++) {
						byte[] wire = new byte[from + length + 3];
						random.nextBytes(wire);
						ByteBuffer source = ByteBuffer.allocateDirect(wire.length).order(order);
						source.put(wire).position(from);
						byte[] expected = new byte[length + 2];
						for (int i = 0; i < length; i++) {
							expected[1 + i] = (byte) (wire[from + i] ^ key[(maskIndex + i) & 3]);
						}
						byte[] target = new byte[length + 2];
						Masking.unmaskInto(source, target, 1, length, mask, maskIndex);
						assertThat(target).as("%s, from %d, length %d, mask index %d", order, from, length, maskIndex)
							.isEqualTo(expected);
						assertThat(source.position()).isEqualTo(from + length);
						assertThat(source.get(from)).as("the source keeps its bytes").isEqualTo(wire[from]);
					}
				}
			}
		}
	}

	@Test
	void payloadUnmaskedInPiecesEqualsPayloadUnmaskedWhole() {
		byte[] payload = "Hello, WebSocket masking across reads!".getBytes();
		int mask = 0xA1B2C3D4;
		byte[] whole = payload.clone();
		Masking.unmask(whole, 0, whole.length, mask, 0);
		for (int split = 0; split <= payload.length; split++) {
			byte[] pieces = payload.clone();
			Masking.unmask(pieces, 0, split, mask, 0);
			Masking.unmask(pieces, split, payload.length - split, mask, split & 3);
			assertThat(pieces).as("split at %d", split).isEqualTo(whole);
		}
	}

	@Test
	void maskingTwiceRestoresThePayload() {
		byte[] payload = new byte[1000];
		new Random(1).nextBytes(payload);
		byte[] data = payload.clone();
		Masking.unmask(data, 0, data.length, 0x12345678, 0);
		assertThat(data).isNotEqualTo(payload);
		Masking.unmask(data, 0, data.length, 0x12345678, 0);
		assertThat(data).isEqualTo(payload);
	}

}
