package dev.wsboot.benchmarks.micro;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.wsboot.engine.internal.protocol.Utf8Validator;

/**
 * Validating one text payload (RFC 6455 §8.1) with the engine's DFA, against the JDK's decoder as
 * the baseline it must beat to earn its place. One operation is one payload of {@code size} bytes.
 */
@State(Scope.Thread)
public class Utf8ValidationBenchmark {

	// 1-, 2-, 3- and 4-byte sequences between short ASCII runs, so the ASCII fast path rarely applies.
	static final String MIXED = "héllo wörld — 日本語 😀 ";

	@Param({ "16", "128", "1024", "16384", "1048576" })
	public int size;

	private byte[] ascii;

	private byte[] mixed;

	private ByteBuffer asciiIn;

	private ByteBuffer mixedIn;

	// REPORT makes the decoder fail on malformed input as the validator does, instead of replacing
	// it; decoder and output are reused so that neither side pays for allocation.
	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private CharBuffer out;

	@Setup
	public void setUp() {
		this.ascii = text("", this.size);
		this.mixed = text(MIXED, this.size);
		this.asciiIn = ByteBuffer.wrap(this.ascii);
		this.mixedIn = ByteBuffer.wrap(this.mixed);
		this.out = CharBuffer.allocate(this.size);
		if (!Utf8Validator.isValid(this.mixed, 0, this.size) || !decode(this.mixedIn)) {
			throw new IllegalStateException("Mixed text of " + this.size + " bytes is not valid UTF-8");
		}
	}

	@Benchmark
	public boolean validateAscii() {
		return Utf8Validator.isValid(this.ascii, 0, this.ascii.length);
	}

	@Benchmark
	public boolean validateMixed() {
		return Utf8Validator.isValid(this.mixed, 0, this.mixed.length);
	}

	@Benchmark
	public boolean jdkDecodeAscii() {
		return decode(this.asciiIn);
	}

	@Benchmark
	public boolean jdkDecodeMixed() {
		return decode(this.mixedIn);
	}

	private boolean decode(ByteBuffer in) {
		in.clear();
		this.out.clear();
		this.decoder.reset();
		CoderResult result = this.decoder.decode(in, this.out, true);
		return !result.isError() && !this.decoder.flush(this.out).isError();
	}

	/** Whole characters of {@code pattern} while they fit, then ASCII letters to the exact size. */
	static byte[] text(String pattern, int size) {
		byte[] text = new byte[size];
		int at = 0;
		int[] codePoints = pattern.codePoints().toArray();
		fill: while (codePoints.length > 0) {
			for (int cp : codePoints) {
				byte[] bytes = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
				if (at + bytes.length > size) {
					break fill;
				}
				System.arraycopy(bytes, 0, text, at, bytes.length);
				at += bytes.length;
			}
		}
		for (int i = 0; at < size; i++, at++) {
			text[at] = (byte) ('a' + (i % 26));
		}
		return text;
	}

}
