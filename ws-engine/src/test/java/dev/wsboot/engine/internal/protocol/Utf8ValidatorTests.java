package dev.wsboot.engine.internal.protocol;

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

	static Stream<Arguments> sequences() {
		return Utf8Cases.sequences();
	}

	static byte[] hex(String hex) {
		return Utf8Cases.hex(hex);
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

	/**
	 * Texts long enough to be validated as two halves at once: a bad byte anywhere, in either half
	 * or at the split, is found at its exact index, and a text cut inside a character is
	 * incomplete.
	 */
	@Test
	void longTextIsJudgedAsTheJdkDoesWhereverItIsCorruptedOrCut() {
		byte[] text = "héllo wörld €uro 𝄞 ключ 日本語 ascii runs here, then 𝄞𝄞 and €€ ".repeat(2)
			.getBytes(StandardCharsets.UTF_8);
		byte[] replacements = { (byte) 0xFF, (byte) 0x80, (byte) 0xC0, (byte) 0xED, (byte) 0xF4, 'A' };
		for (int at = 0; at < text.length; at++) {
			for (byte replacement : replacements) {
				byte[] corrupted = text.clone();
				corrupted[at] = replacement;
				assertMatchesJdk(corrupted);
			}
			assertMatchesJdk(Arrays.copyOf(text, at));
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
