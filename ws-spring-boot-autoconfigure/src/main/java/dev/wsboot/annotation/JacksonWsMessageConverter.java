package dev.wsboot.annotation;

import java.lang.reflect.Type;

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
