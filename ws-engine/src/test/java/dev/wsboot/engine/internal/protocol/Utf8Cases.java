package dev.wsboot.engine.internal.protocol;

import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * UTF-8 test data shared by the validator's unit tests and the server's conformance tests: case
 * id and hex bytes.
 */
public final class Utf8Cases {

	private Utf8Cases() {
	}

	/** Byte sequences of the Autobahn 6.x cases and Markus Kuhn's UTF-8 stress test they come from. */
	public static Stream<Arguments> sequences() {
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

	public static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

	/** Whether the JDK's strict decoder accepts the bytes. */
	public static boolean isValid(byte[] data) {
		try {
			java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(data));
			return true;
		}
		catch (java.nio.charset.CharacterCodingException ex) {
			return false;
		}
	}

}
