package dev.wsboot.annotation;

import java.lang.reflect.Type;

import dev.wsboot.engine.WsText;

/**
 * Converts text messages to and from the objects of {@link OnMessage} methods. The starter
 * provides one backed by the application's Jackson {@code JsonMapper}; define a bean of this type
 * to use another format.
 */
public interface WsMessageConverter {

	/**
	 * @throws WsMessageConversionException if the text does not convert to the type
	 */
	Object read(String text, Type type);

	String write(Object value);

	/**
	 * Reads a message from its UTF-8 bytes. The default decodes them and calls
	 * {@link #read(String, Type)}; a converter whose format reads bytes (JSON does) overrides it
	 * to skip the {@code String}.
	 * @throws WsMessageConversionException if the text does not convert to the type
	 */
	default Object read(WsText text, Type type) {
		return read(text.toString(), type);
	}

	/**
	 * Writes a value as a text message. The default encodes {@link #write(Object)}; a converter
	 * that writes UTF-8 bytes itself overrides it to skip the {@code String}.
	 */
	default WsText writeText(Object value) {
		return WsText.of(write(value));
	}

}
