package dev.wsboot.engine;

/**
 * Which {@code onText} a handler class implements, found once per class: the engine decodes text
 * only for a handler that takes a {@code String}.
 */
final class TextMethods {

	private static final ClassValue<Boolean> TAKES_BYTES = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			try {
				return type.getMethod("onText", WsSession.class, WsText.class).getDeclaringClass() != WsHandler.class;
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException("WsHandler.onText(WsSession, WsText) not found on " + type, ex);
			}
		}
	};

	private TextMethods() {
	}

	/** Whether the class overrides {@link WsHandler#onText(WsSession, WsText)}. */
	static boolean takesBytes(Class<? extends WsHandler> type) {
		return TAKES_BYTES.get(type);
	}

}
