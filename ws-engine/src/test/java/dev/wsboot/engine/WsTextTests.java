package dev.wsboot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link WsText} as a value: its bytes, its text, equality on the bytes, validation on the way in. */
class WsTextTests {

	private static final String TEXT = "héllo 𝄞 日本";

	private static final byte[] UTF8 = TEXT.getBytes(StandardCharsets.UTF_8);

	@Test
	void aTextFromAStringHoldsItsUtf8Bytes() {
		WsText text = WsText.of(TEXT);
		assertThat(text.byteLength()).isEqualTo(UTF8.length);
		assertThat(text.toByteArray()).isEqualTo(UTF8);
		assertThat(text.toString()).isSameAs(TEXT);
	}

	@Test
	void aTextFromBytesDecodesToTheSameString() {
		assertThat(WsText.ofUtf8(UTF8.clone()).toString()).isEqualTo(TEXT);
		assertThat(WsText.copyOf(UTF8, 0, UTF8.length).toString()).isEqualTo(TEXT);
	}

	@Test
	void bytesThatAreNotUtf8AreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> WsText.ofUtf8(new byte[] { 'a', (byte) 0xC0, (byte) 0x80 }));
		// A sequence cut short is refused too: the text must be complete.
		assertThatIllegalArgumentException().isThrownBy(() -> WsText.copyOf(UTF8, 0, 2));
	}

	@Test
	void textsAreEqualWhenTheirBytesAreWhereverTheyLie() {
		byte[] padded = new byte[UTF8.length + 4];
		System.arraycopy(UTF8, 0, padded, 2, UTF8.length);
		WsText range = WsText.ofTrustedUtf8(padded, 2, UTF8.length);
		WsText whole = WsText.of(TEXT);
		assertThat(range).isEqualTo(whole).hasSameHashCodeAs(whole);
		assertThat(range.toString()).isEqualTo(TEXT);
		assertThat(range).isNotEqualTo(WsText.of("hello"));
	}

	@Test
	void theBytesAreReadInPlaceButCannotBeChangedThroughTheView() throws IOException {
		byte[] padded = new byte[UTF8.length + 4];
		System.arraycopy(UTF8, 0, padded, 2, UTF8.length);
		WsText text = WsText.ofTrustedUtf8(padded, 2, UTF8.length);
		ByteBuffer view = text.asByteBuffer();
		assertThat(view.remaining()).isEqualTo(UTF8.length);
		assertThat(view.get(0)).isEqualTo(UTF8[0]);
		assertThatThrownBy(() -> view.put(0, (byte) 'x')).isInstanceOf(ReadOnlyBufferException.class);
		boolean inPlace = text.read((array, offset, length) -> array == padded && offset == 2 && length == UTF8.length);
		assertThat(inPlace).isTrue();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		text.writeTo(out);
		assertThat(out.toByteArray()).isEqualTo(UTF8);
	}

	@Test
	void theEmptyTextHasNoBytes() {
		assertThat(WsText.of("").isEmpty()).isTrue();
		assertThat(WsText.ofUtf8(new byte[0])).isEqualTo(WsText.of(""));
	}

}
