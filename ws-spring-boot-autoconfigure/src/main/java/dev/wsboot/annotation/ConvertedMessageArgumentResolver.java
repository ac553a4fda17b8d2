package dev.wsboot.annotation;

import dev.wsboot.engine.WsSession;
import dev.wsboot.engine.WsText;

import org.springframework.core.MethodParameter;

/**
 * The message of an {@link OnMessage} method read from text into any other type by the
 * {@link WsMessageConverter} (JSON with the application's Jackson {@code JsonMapper} by default),
 * from the message's UTF-8 bytes: no {@code String} is made on the way.
 */
final class ConvertedMessageArgumentResolver implements PayloadArgumentResolver {

	private final WsMessageConverter converter;

	ConvertedMessageArgumentResolver(WsMessageConverter converter) {
		this.converter = converter;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasMethodAnnotation(OnMessage.class) && !MessageArgumentResolver.isRaw(parameter.getParameterType());
	}

	/** @throws WsMessageConversionException if the text does not convert, which closes with 1003 */
	@Override
	public Object resolveArgument(MethodParameter parameter, WsSession session, Object payload) {
		return this.converter.read((WsText) payload, parameter.getGenericParameterType());
	}

}
