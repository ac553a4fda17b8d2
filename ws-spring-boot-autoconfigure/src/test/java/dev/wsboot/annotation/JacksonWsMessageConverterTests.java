package dev.wsboot.annotation;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import dev.wsboot.engine.WsText;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * JSON messages read from and written to UTF-8 bytes, with no String between; a converter that
 * knows only Strings still works through the defaults.
 */
class JacksonWsMessageConverterTests {

	record Item(String name, int count) {
	}

	private final JacksonWsMessageConverter converter = new JacksonWsMessageConverter(JsonMapper.builder().build());

	@Test
	void aValueIsReadFromTheBytesWhereverTheyLie() {
		byte[] padded = "xx{\"name\":\"日本 𝄞\",\"count\":3}yy".getBytes(StandardCharsets.UTF_8);
		WsText text = WsText.ofTrustedUtf8(padded, 2, padded.length - 4);
		assertThat(this.converter.read(text, Item.class)).isEqualTo(new Item("日本 𝄞", 3));
	}

	@Test
	void aValueIsWrittenAsTheSameBytesAsItsString() {
		Item item = new Item("héllo \"quoted\"", 7);
		WsText text = this.converter.writeText(item);
		assertThat(text.toString()).isEqualTo(this.converter.write(item)).isEqualTo("{\"name\":\"héllo \\\"quoted\\\"\",\"count\":7}");
	}

	@Test
	void bytesThatAreNotJsonForTheTypeFailAsAConversion() {
		assertThatExceptionOfType(WsMessageConversionException.class)
			.isThrownBy(() -> this.converter.read(WsText.of("not json"), Item.class));
	}

	@Test
	void aConverterOfStringsOnlyReadsAndWritesTextsThroughTheDefaults() {
		WsMessageConverter upperCase = new WsMessageConverter() {
			@Override
			public Object read(String text, Type type) {
				return text.toUpperCase();
			}

			@Override
			public String write(Object value) {
				return "<" + value + ">";
			}
		};
		assertThat(upperCase.read(WsText.of("héllo"), String.class)).isEqualTo("HÉLLO");
		assertThat(upperCase.writeText("x")).isEqualTo(WsText.of("<x>"));
	}

}
