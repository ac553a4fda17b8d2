package dev.wsboot.engine.internal.protocol;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpRequestParser} and then {@link Handshake#validateUpgrade} under arbitrary bytes,
 * head size limits and splits: the outcome is a request, null while the head is incomplete, or a
 * {@link HandshakeException} with a 4xx status; never another exception, never a 5xx.
 *
 * <p>Input layout: the head size limit and the chunk lengths come from the end of the input, the
 * request bytes from the start.
 */
class HttpRequestParserFuzzTests {

	@FuzzTest
	void arbitraryBytesGiveARequestOrAClientErrorStatus(FuzzedDataProvider data) {
		// WsServerConfig allows 256 bytes or more; 8 KiB is the default.
		int maxHeadSize = 8 * 1024 - data.consumeInt(0, 8 * 1024 - 256);
		int[] chunks = new int[data.consumeInt(0, 16)];
		for (int i = 0; i < chunks.length; i++) {
			chunks[i] = data.consumeInt(1, 256);
		}
		byte[] bytes = data.consumeRemainingAsBytes();

		HttpRequestParser parser = new HttpRequestParser(maxHeadSize);
		int at = 0;
		int next = 0;
		while (at < bytes.length) {
			int n = (chunks.length == 0) ? bytes.length : Math.min(chunks[next++ % chunks.length], bytes.length - at);
			ByteBuffer chunk = ByteBuffer.wrap(bytes, at, n);
			HttpRequest request;
			try {
				request = parser.parse(chunk);
			}
			catch (HandshakeException ex) {
				assertThat(ex.status()).as(ex.getMessage()).isIn(400, 431);
				return;
			}
			int consumed = chunk.position() - at;
			if (request == null) {
				assertThat(consumed).as("bytes consumed while the head is incomplete").isEqualTo(n);
				at += n;
				continue;
			}
			int headLength = chunk.position();
			assertThat(headLength).isLessThanOrEqualTo(maxHeadSize);
			assertThat(bytes[headLength - 1]).as("the head ends with a line feed").isEqualTo((byte) '\n');
			assertIsConsistent(request);
			try {
				String key = Handshake.validateUpgrade(request);
				assertThat(Handshake.isValidKey(key)).isTrue();
				assertThat(Handshake.acceptValue(key)).hasSize(28);
			}
			catch (HandshakeException ex) {
				assertThat(ex.status()).as(ex.getMessage()).isBetween(400, 499);
			}
			return;
		}
	}

	/** The accessors a handshake and an application use answer, before and after compacting. */
	private static void assertIsConsistent(HttpRequest request) {
		assertThat(request.method()).isNotEmpty();
		assertThat(request.target()).startsWith(request.path());
		assertThat(request.rawQuery()).isNotNull();
		Map<String, List<String>> headers = request.headers();
		for (String name : headers.keySet()) {
			assertThat(request.header(name)).isNotNull();
			assertThat(request.tokens(name)).isNotNull();
		}
		request.hasToken("connection", "upgrade");
		request.compact(request.path());
		assertThat(request.headers()).isEqualTo(headers);
	}

}
