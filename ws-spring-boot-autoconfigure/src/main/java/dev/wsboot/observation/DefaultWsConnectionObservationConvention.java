package dev.wsboot.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.engine.CloseCategory;
import dev.wsboot.engine.CloseStatus;
import dev.wsboot.observation.WsObservationDocumentation.CommonKeys;
import dev.wsboot.observation.WsObservationDocumentation.ConnectionKeys;
import io.micrometer.common.KeyValue;
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

	/*
	 * What an open connection's observation holds from the start to the close: the key values of
	 * an outcome and a close code not known yet are the same for every connection, and a path's
	 * for every connection on it, so none is made again per connection.
	 */
	private static final KeyValue OUTCOME_UNKNOWN = CommonKeys.OUTCOME.withValue(UNKNOWN);

	private static final KeyValue CLOSE_CODE_UNKNOWN = ConnectionKeys.CLOSE_CODE.withValue(UNKNOWN);

	/** By path: a server has few. */
	private final Map<String, KeyValue> paths = new ConcurrentHashMap<>();

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
		KeyValue outcome = (status != null) ? CommonKeys.OUTCOME.withValue(CloseCategory.of(status.code()).tagValue())
				: OUTCOME_UNKNOWN;
		return KeyValues.of(this.paths.computeIfAbsent(context.getSession().path(), CommonKeys.PATH::withValue), outcome);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WsConnectionObservationContext context) {
		CloseStatus status = context.getCloseStatus();
		return KeyValues.of(CommonKeys.CLIENT_ID.withValue(Long.toString(context.getSession().id())),
				(status != null) ? ConnectionKeys.CLOSE_CODE.withValue(Integer.toString(status.code())) : CLOSE_CODE_UNKNOWN);
	}

}
