package dev.wsboot.engine.internal.protocol;

import dev.wsboot.engine.CloseStatus;
import dev.wsboot.engine.LimitsConfig;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MessageInflater} under arbitrary compressed bytes, limits and splits, checked against the
 * JDK's Inflater fed the same bytes: a message it delivers is what zlib inflates and at most the
 * limit; it fails with 1009 only when zlib gives more than the limit, and with 1007 only when zlib
 * rejects the data or (for text) the inflated bytes are not UTF-8. It never throws anything else,
 * and every Inflater it took is given back.
 *
 * <p>Input layout: the limit, context takeover and each message's type and split come from the
 * end of the input, the compressed bytes of all messages from the start.
 */
class MessageInflaterFuzzTests {

	/** RFC 7692 §7.2.2: the tail a sender removes from each message. */
	private static final byte[] TAIL = { 0, 0, (byte) 0xFF, (byte) 0xFF };

	@FuzzTest
	void arbitraryBytesInflateWithinTheLimitOrFailWithTheRightCloseCode(FuzzedDataProvider data) {
		int limit = 256 * 1024 - data.consumeInt(0, 256 * 1024 - 1);
		boolean contextTakeover = data.consumeBoolean();
		int messages = 1 + data.consumeInt(0, 3);
		boolean[] text = new boolean[messages];
		int[] lengths = new int[messages];
		int[] chunk = new int[messages];
		for (int i = 0; i < messages; i++) {
			text[i] = data.consumeBoolean();
			lengths[i] = data.consumeInt(0, 4096);
			chunk[i] = data.consumeInt(1, 1024);
		}
		byte[] compressed = data.consumeRemainingAsBytes();

		ZlibPool pool = new ZlibPool(1);
		LimitsConfig limits = LimitsConfig.builder().maxMessageSize(limit).maxFrameSize(limit).build();
		MessageInflater inflater = new MessageInflater(pool, contextTakeover, limits);
		Inflater reference = new Inflater(true);
		try {
			int at = 0;
			for (int m = 0; m < messages; m++) {
				// The last message takes the rest of the bytes.
				int length = (m == messages - 1) ? compressed.length - at : Math.min(lengths[m], compressed.length - at);
				byte[] message = Arrays.copyOfRange(compressed, at, at + length);
				at += length;
				Expected expected = inflate(reference, message, limit);
				if (!contextTakeover) {
					reference.reset();
				}
				Utf8Validator utf8 = text[m] ? new Utf8Validator() : null;
				try {
					inflater.begin(message.length, utf8);
					for (int i = 0; i < message.length; i += chunk[m]) {
						inflater.inflate(message, i, Math.min(chunk[m], message.length - i));
					}
					byte[] out = inflater.finish();
					int outLength = inflater.length();
					assertThat(outLength).isLessThanOrEqualTo(limit);
					assertThat(expected.failure).as("zlib: %s", expected.failure).isNull();
					assertThat(Arrays.copyOf(out, outLength)).isEqualTo(expected.output);
					if (utf8 != null) {
						assertThat(utf8.isComplete() && Utf8Validator.isValid(out, 0, outLength))
							.isEqualTo(Utf8Validator.isValid(expected.output, 0, expected.output.length));
					}
				}
				catch (WsProtocolException ex) {
					if (ex.closeCode() == CloseStatus.MESSAGE_TOO_BIG) {
						// The JDK drops what one call inflated when that call then fails, so the
						// reference may fall short of the limit only where zlib fails as well.
						assertThat(expected.tooBig || expected.failure != null)
							.as("1009 (%s), zlib inflated %d bytes", ex.getMessage(), expected.output.length)
							.isTrue();
					}
					else {
						assertThat(ex.closeCode()).as(ex.getMessage()).isEqualTo(CloseStatus.INVALID_PAYLOAD);
						assertThat(expected.failure != null || expected.hasInvalidText(utf8 != null))
							.as("1007 (%s), zlib inflated %d bytes", ex.getMessage(), expected.output.length)
							.isTrue();
					}
					// The connection fails: it inflates nothing more.
					break;
				}
			}
		}
		finally {
			inflater.release();
			reference.end();
			pool.close();
		}
		assertThat(pool.liveInflaters()).as("inflaters not ended").isZero();
	}

	/** What the JDK's Inflater gives for one message: at most one byte over the limit. */
	static final class Expected {

		byte[] output;

		/** Zlib's complaint, null if it inflated the message. */
		String failure;

		boolean tooBig;

		/** Whether this output, as text, has a byte that cannot be UTF-8 (a sequence cut short can). */
		boolean hasInvalidText(boolean text) {
			if (!text) {
				return false;
			}
			Utf8Validator validator = new Utf8Validator();
			return validator.update(this.output, 0, this.output.length) >= 0;
		}

	}

	private static Expected inflate(Inflater inflater, byte[] message, int limit) {
		Expected expected = new Expected();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			// As MessageInflater does: an empty payload is an empty message, without the tail.
			if (message.length > 0) {
				for (byte[] input : new byte[][] { message, TAIL }) {
					inflater.setInput(input);
					int n;
					do {
						n = inflater.inflate(buffer);
						out.write(buffer, 0, n);
						if (out.size() > limit) {
							expected.tooBig = true;
							expected.output = Arrays.copyOf(out.toByteArray(), limit + 1);
							return expected;
						}
					}
					while (n > 0);
					if (inflater.needsDictionary()) {
						expected.failure = "needs a dictionary";
						break;
					}
				}
			}
		}
		catch (DataFormatException ex) {
			expected.failure = ex.getMessage();
		}
		if (inflater.finished()) {
			// A final block ends the stream; the next message starts afresh, as in MessageInflater.
			inflater.reset();
		}
		expected.output = out.toByteArray();
		return expected;
	}

}
