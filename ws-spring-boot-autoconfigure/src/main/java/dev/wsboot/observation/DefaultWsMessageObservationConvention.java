package dev.wsboot.observation;

import dev.wsboot.observation.WsObservationDocumentation.CommonKeys;
import dev.wsboot.observation.WsObservationDocumentation.MessageKeys;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WsMessageObservationConvention}: {@code ws.server.message}, with the path,
 * the message type and whether the handler threw as low-cardinality keys.
 */
public class DefaultWsMessageObservationConvention implements WsMessageObservationConvention {

	/** The observation name, also the name of the timer Micrometer derives from it. */
	public static final String NAME = "ws.server.message";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WsMessageObservationContext context) {
		return "ws " + context.getSession().path() + " " + context.getMessageType();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WsMessageObservationContext context) {
		return KeyValues.of(CommonKeys.PATH.withValue(context.getSession().path()),
				MessageKeys.TYPE.withValue(context.getMessageType()),
				CommonKeys.OUTCOME.withValue((context.getError() == null) ? "success" : "error"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WsMessageObservationContext context) {
		return KeyValues.of(CommonKeys.CLIENT_ID.withValue(Long.toString(context.getSession().id())));
	}

}
