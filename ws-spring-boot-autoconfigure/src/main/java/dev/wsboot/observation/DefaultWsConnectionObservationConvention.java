package dev.wsboot.observation;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.observation.WsObservationDocumentation.CommonKeys;
import dev.wsboot.observation.WsObservationDocumentation.ConnectionKeys;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WsConnectionObservationConvention}: {@code ws.server.connection}, with the
 * path and the close category as low-cardinality keys. The outcome is {@code unknown} until the
 * connection closed.
 */
public class DefaultWsConnectionObservationConvention implements WsConnectionObservationConvention {

	/** The observation name, also the name of the timer Micrometer derives from it. */
	public static final String NAME = "ws.server.connection";

	private static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WsConnectionObservationContext context) {
		return "ws " + context.getSession().path();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WsConnectionObservationContext context) {
		CloseStatus status = context.getCloseStatus();
		String outcome = (status != null) ? CloseCategory.of(status.code()).tagValue() : UNKNOWN;
		return KeyValues.of(CommonKeys.PATH.withValue(context.getSession().path()), CommonKeys.OUTCOME.withValue(outcome));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WsConnectionObservationContext context) {
		CloseStatus status = context.getCloseStatus();
		return KeyValues.of(CommonKeys.CLIENT_ID.withValue(Long.toString(context.getSession().id())),
				ConnectionKeys.CLOSE_CODE.withValue((status != null) ? Integer.toString(status.code()) : UNKNOWN));
	}

}
