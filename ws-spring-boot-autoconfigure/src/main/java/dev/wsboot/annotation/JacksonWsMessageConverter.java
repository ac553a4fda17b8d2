package dev.wsboot.annotation;

import java.lang.reflect.Type;

import dev.wsboot.engine.WsText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON through the application's Jackson 3 {@link JsonMapper}, so messages follow the same
 * {@code spring.jackson.*} settings as the application's HTTP APIs.
 */
public class JacksonWsMessageConverter implements WsMessageConverter {

	private final JsonMapper mapper;

	public JacksonWsMessageConverter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public Object read(String text, Type type) {
		JavaType javaType = this.mapper.constructType(type);
		try {
			return this.mapper.readValue(text, javaType);
		}
		catch (JacksonException ex) {
			throw new WsMessageConversionException("Message is not JSON for " + javaType + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/** Parses the bytes where they lie: Jackson reads UTF-8 JSON from a byte range directly. */
	@Override
	public Object read(WsText text, Type type) {
		JavaType javaType = this.mapper.constructType(type);
		try {
			return text.read((utf8, offset, length) -> this.mapper.readValue(utf8, offset, length, javaType));
		}
		catch (JacksonException ex) {
			throw new WsMessageConversionException("Message is not JSON for " + javaType + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Writes the bytes directly. Jackson's UTF-8 generator emits valid UTF-8 only (it escapes or
	 * refuses lone surrogates; RFC 8259 §8.1 asks for UTF-8), so the bytes are sent without being
	 * validated again.
	 */
	@Override
	public WsText writeText(Object value) {
		try {
			byte[] utf8 = this.mapper.writeValueAsBytes(value);
			return WsText.ofTrustedUtf8(utf8, 0, utf8.length);
		}
		catch (JacksonException ex) {
			throw new WsMessageConversionException("Could not write " + value.getClass().getName() + " as JSON", ex);
		}
	}

	@Override
	public String write(Object value) {
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new WsMessageConversionException("Could not write " + value.getClass().getName() + " as JSON", ex);
		}
	}

}
