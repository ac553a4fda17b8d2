package dev.wsboot.engine.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Utf8Validator} against the JDK's strict decoder as the oracle: fed in arbitrary
 * fragments, at arbitrary offsets of an array, it accepts exactly the inputs the JDK accepts, and
 * the byte it rejects lies within the sequence the JDK reports as malformed.
 *
 * <p>Input layout: the fragment lengths come from the end of the input, the text from the start.
 */
class Utf8ValidatorFuzzTests {

	@FuzzTest
	void acceptsExactlyWhatTheJdkDecoderAcceptsFedInAnyFragments(FuzzedDataProvider data) {
		int[] fragments = new int[data.consumeInt(0, 16)];
		for (int i = 0; i < fragments.length; i++) {
			fragments[i] = data.consumeInt(1, 64);
		}
		int padding = data.consumeInt(0, 7);
		byte[] text = data.consumeRemainingAsBytes();
		// Bytes before and after the text, so that the validator's eight-byte reads start at every
		// alignment and must not look past the end of a fragment.
		byte[] array = new byte[padding + text.length + 7];
		System.arraycopy(text, 0, array, padding, text.length);
		java.util.Arrays.fill(array, padding + text.length, array.length, (byte) 0xFF);

		Utf8Validator validator = new Utf8Validator();
		int rejectedAt = -1;
		int at = 0;
		int next = 0;
		while (at < text.length) {
			int n = (fragments.length == 0) ? text.length : Math.min(fragments[next++ % fragments.length], text.length - at);
			assertThat(validator.update(array, padding + at, 0)).as("an empty fragment").isEqualTo(-1);
			int bad = validator.update(array, padding + at, n);
			if (bad >= 0) {
				assertThat(bad).as("index of the bad byte within the fragment").isBetween(padding + at, padding + at + n - 1);
				rejectedAt = bad - padding;
				assertThat(validator.update(array, padding, 1)).as("stays rejected").isEqualTo(padding);
				break;
			}
			at += n;
		}
		boolean accepted = rejectedAt < 0 && validator.isComplete();

		CharsetDecoder jdk = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(text);
		CoderResult result = jdk.decode(in, CharBuffer.allocate(text.length), true);
		if (!result.isError()) {
			result = jdk.flush(CharBuffer.allocate(2));
		}
		assertThat(accepted).as("verdict, JDK says %s", result).isEqualTo(!result.isError());
		assertThat(Utf8Validator.isValid(text, 0, text.length)).isEqualTo(accepted);
		if (rejectedAt >= 0) {
			// The JDK reports the malformed sequence from its first byte; the validator the first
			// byte that cannot continue it, so the two are at most three bytes apart.
			int malformedAt = in.position();
			assertThat(rejectedAt).as("rejected byte, JDK reports malformed input at %d", malformedAt)
				.isBetween(malformedAt, malformedAt + 3);
		}
	}

}
