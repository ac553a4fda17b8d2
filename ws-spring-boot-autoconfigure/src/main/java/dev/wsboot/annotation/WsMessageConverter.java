package dev.wsboot.annotation;

import java.lang.reflect.Type;

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

}
