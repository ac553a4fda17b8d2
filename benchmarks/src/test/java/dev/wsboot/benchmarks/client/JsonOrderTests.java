package dev.wsboot.benchmarks.client;

import dev.wsboot.benchmarks.servers.spring.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON echo's message is exactly what Jackson writes for the record it reads it into, so a
 * server that reads and writes the record answers with the bytes the client checks for.
 */
class JsonOrderTests {

	@ParameterizedTest
	@ValueSource(ints = { 256, 1024, 4096 })
	void theMessageHasTheSizeAskedAndRoundTripsThroughTheRecordByteForByte(int size) {
		FrameTemplate template = JsonOrder.template(size);
		assertThat(template.size()).isEqualTo(size);
		JsonMapper mapper = JsonMapper.builder().build();
		Order order = mapper.readValue(template.payload, Order.class);
		assertThat(order.lines()).isNotEmpty();
		assertThat(mapper.writeValueAsBytes(order)).isEqualTo(template.payload);
	}

}
