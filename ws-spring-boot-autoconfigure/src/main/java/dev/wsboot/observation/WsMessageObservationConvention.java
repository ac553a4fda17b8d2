package dev.wsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and keys of the message observations. A bean of this type replaces
 * {@link DefaultWsMessageObservationConvention}; extend that one to add keys.
 */
public interface WsMessageObservationConvention extends ObservationConvention<WsMessageObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WsMessageObservationContext;
	}

}
