package dev.wsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the connection observations. A bean of this type replaces
 * {@link DefaultWsConnectionObservationConvention}; extend that one to add keys.
 */
public interface WsConnectionObservationConvention extends ObservationConvention<WsConnectionObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WsConnectionObservationContext;
	}

}
