package dev.wsboot.engine.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Utf8Validator} against the JDK's strict UTF-8 decoder, taken as the reference: the same
 * verdict on every sequence, however it is split, and failure at the first byte after which no
 * valid UTF-8 can follow.
 */
class Utf8ValidatorTests {

	/** Byte sequences of the Autobahn 6.x cases and Markus Kuhn's UTF-8 stress test they come from. */
	static Stream<Arguments> sequences() {
		return Stream.of(
				// valid
				Arguments.of("6.1.1 empty", ""), Arguments.of("6.2.1 hello", "48656c6c6f2d c2b5 40 c39f c3b6 c3a4 c3bc c3a0 c3a1 2d5554462d3821"),
				Arguments.of("6.5.1 kosme", "cebae1bdb9cf83cebcceb5"),
				Arguments.of("6.7.1 first 1-byte", "00"), Arguments.of("6.7.2 first 2-byte", "c280"),
				Arguments.of("6.7.3 first 3-byte", "e0a080"), Arguments.of("6.7.4 first 4-byte", "f0908080"),
				Arguments.of("6.9.1 last 1-byte", "7f"), Arguments.of("6.9.2 last 2-byte", "dfbf"),
				Arguments.of("6.9.3 last 3-byte", "efbfbf"), Arguments.of("6.9.4 last 4-byte", "f48fbfbf"),
				Arguments.of("6.11.1 before surrogates", "ed9fbf"), Arguments.of("6.11.2 after surrogates", "ee8080"),
				Arguments.of("6.11.3 U+FFFD", "efbfbd"), Arguments.of("6.22.1 noncharacter U+FFFE", "efbfbe"),
				Arguments.of("6.22.34 noncharacter U+10FFFF", "f48fbfbf"), Arguments.of("6.23.1 special U+FEFF", "efbbbf"),
				Arguments.of("ascii run of 8+", "41424344454647484950515253"),
				Arguments.of("ascii run then 4-byte", "414243444546474849f09f9880"),
				// invalid
				Arguments.of("6.3.1 hello with bad bytes", "cebae1bdb9cf83cebcceb5eda080656469746564"),
				Arguments.of("6.4.1 fail fast", "cebae1bdb9cf83cebcceb5f4908080656469746564"),
				Arguments.of("6.8.1 5-byte sequence", "f888808080"), Arguments.of("6.8.2 6-byte sequence", "fc8480808080"),
				Arguments.of("6.10.1 above U+10FFFF", "f7bfbfbf"), Arguments.of("6.10.2 F4 90", "f4908080"),
				Arguments.of("6.12.1 lone continuation", "80"), Arguments.of("6.12.2 lone continuation", "bf"),
				Arguments.of("6.12.3 continuations", "80bf"), Arguments.of("6.12.8 continuation run", "808182838485868788"),
				Arguments.of("6.13.1 lonely start then space", "c020"), Arguments.of("6.13.2 lonely 3-byte start", "e020"),
				Arguments.of("6.14.1 missing last of 2-byte", "c0"), Arguments.of("6.14.2 missing last of 3-byte", "e080"),
				Arguments.of("6.14.3 missing last of 4-byte", "f08080"), Arguments.of("6.14.8 truncated 2-byte", "df"),
				Arguments.of("6.14.9 truncated 3-byte", "efbf"), Arguments.of("6.14.10 truncated 4-byte", "f48fbf"),
				Arguments.of("6.15.1 concatenated incomplete", "c0e080f08080df efbf f48fbf"),
				Arguments.of("6.16.1 FE", "fe"), Arguments.of("6.16.2 FF", "ff"), Arguments.of("6.16.3 FEFEFFFF", "fefeffff"),
				Arguments.of("6.17.1 overlong slash 2-byte", "c0af"), Arguments.of("6.17.2 overlong slash 3-byte", "e080af"),
				Arguments.of("6.17.3 overlong slash 4-byte", "f08080af"), Arguments.of("6.18.1 max overlong 2-byte", "c1bf"),
				Arguments.of("6.18.2 max overlong 3-byte", "e09fbf"), Arguments.of("6.18.3 max overlong 4-byte", "f08fbfbf"),
				Arguments.of("6.19.1 overlong NUL 2-byte", "c080"), Arguments.of("6.19.2 overlong NUL 3-byte", "e08080"),
				Arguments.of("6.20.1 surrogate D800", "eda080"), Arguments.of("6.20.7 surrogate DFFF", "edbfbf"),
				Arguments.of("6.21.1 surrogate pair", "eda080edb080"),
				Arguments.of("ascii run then bad", "4142434445464748494aff"));
	}

	static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

	@ParameterizedTest(name = "case {0}")
	@MethodSource("sequences")
	void verdictAndFailIndexMatchTheJdkDecoderAtEverySplit(String caseId, String hex) {
		byte[] data = hex(hex);
		assertMatchesJdk(data);
	}

	@Test
	void randomSequencesGetTheSameVerdictAsTheJdkDecoder() {
		Random random = new Random(6455);
		byte[] alphabet = hex("00 41 7f 80 8f 90 9f a0 bf c0 c1 c2 df e0 e1 ec ed ee ef f0 f1 f3 f4 f5 fe ff");
		for (int n = 0; n < 300; n++) {
			byte[] data = new byte[1 + random.nextInt(10)];
			for (int i = 0; i < data.length; i++) {
				data[i] = alphabet[random.nextInt(alphabet.length)];
			}
			assertMatchesJdk(data);
		}
	}

	@Test
	void everyCodePointIsValidAndEverySurrogateIsNot() {
		StringBuilder all = new StringBuilder();
		for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += (cp < 0x10000) ? 1 : 61) {
			if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
				all.appendCodePoint(cp);
			}
		}
		byte[] utf8 = all.toString().getBytes(StandardCharsets.UTF_8);
		assertThat(Utf8Validator.isValid(utf8, 0, utf8.length)).isTrue();
		for (int surrogate = 0xD800; surrogate <= 0xDFFF; surrogate += 0x7F) {
			byte[] encoded = { (byte) 0xED, (byte) (0x80 | ((surrogate >> 6) & 0x3F)), (byte) (0x80 | (surrogate & 0x3F)) };
			assertThat(new Utf8Validator().update(encoded, 0, 3)).isEqualTo(1);
		}
	}

	@Test
	void validatorStaysRejectedAfterAnInvalidByteUntilReset() {
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.update(hex("ff"), 0, 1)).isZero();
		assertThat(validator.update(hex("41"), 0, 1)).isZero();
		validator.reset();
		assertThat(validator.update(hex("41"), 0, 1)).isEqualTo(-1);
		assertThat(validator.isComplete()).isTrue();
	}

	private static void assertMatchesJdk(byte[] data) {
		boolean valid = jdkDecodes(data);
		int expectedBad = firstBadIndex(data);
		String description = HexFormat.of().formatHex(data);
		assertThat(Utf8Validator.isValid(data, 0, data.length)).as("validity of %s", description).isEqualTo(valid);
		// Whole.
		Utf8Validator whole = new Utf8Validator();
		assertThat(whole.update(data, 0, data.length)).as("first bad byte of %s", description).isEqualTo(expectedBad);
		// Split in two at every position, as a message split across frames or reads.
		for (int at = 0; at <= data.length; at++) {
			Utf8Validator split = new Utf8Validator();
			int bad = split.update(data, 0, at);
			if (bad < 0) {
				bad = split.update(data, at, data.length - at);
			}
			assertThat(bad).as("first bad byte of %s split at %d", description, at).isEqualTo(expectedBad);
			if (expectedBad < 0) {
				assertThat(split.isComplete()).as("completeness of %s split at %d", description, at).isEqualTo(valid);
			}
		}
		// One byte at a time.
		Utf8Validator bytewise = new Utf8Validator();
		int bad = -1;
		for (int i = 0; i < data.length && bad < 0; i++) {
			bad = bytewise.update(data, i, 1);
		}
		assertThat(bad).as("first bad byte of %s fed one at a time", description).isEqualTo(expectedBad);
	}

	private static boolean jdkDecodes(byte[] data) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			decoder.decode(ByteBuffer.wrap(data));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * The index of the first byte after which no completion makes the bytes valid for the JDK: a
	 * prefix is viable if it decodes, or decodes once one to three continuation bytes are added
	 * (only the second byte of a sequence has a restricted range, so trying every value there and
	 * 0x80 after is enough).
	 */
	private static int firstBadIndex(byte[] data) {
		for (int i = 0; i < data.length; i++) {
			if (!isViablePrefix(Arrays.copyOf(data, i + 1))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isViablePrefix(byte[] prefix) {
		if (jdkDecodes(prefix)) {
			return true;
		}
		List<byte[]> candidates = new ArrayList<>();
		for (int extra = 1; extra <= 3; extra++) {
			for (int next = 0x80; next <= 0xBF; next++) {
				byte[] candidate = Arrays.copyOf(prefix, prefix.length + extra);
				Arrays.fill(candidate, prefix.length, candidate.length, (byte) 0x80);
				candidate[prefix.length] = (byte) next;
				candidates.add(candidate);
			}
		}
		return candidates.stream().anyMatch(Utf8ValidatorTests::jdkDecodes);
	}

	@Test
	void jdkReferenceItselfRejectsWhatRfc3629Forbids() {
		// Guards the reference: a lenient JDK decoder would make the comparison above meaningless.
		assertThat(jdkDecodes(hex("eda080"))).isFalse();
		assertThat(jdkDecodes(hex("c0af"))).isFalse();
		assertThat(jdkDecodes(hex("f4908080"))).isFalse();
	}

}
