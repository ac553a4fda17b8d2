package dev.wsboot.benchmarks.micro;

/**
 * One micro-benchmark at one payload size.
 * @param benchmark the JMH benchmark, as {@code Class.method}
 * @param size the payload bytes one operation handles
 * @param opsPerSecond the mean throughput
 * @param error the half-width of JMH's 99.9% confidence interval, in operations per second ({@code NaN}
 * when there were too few iterations to have one)
 * @param megabytesPerSecond payload throughput in MB/s (10^6 bytes): {@code opsPerSecond * size / 1e6}
 */
public record MicroResult(String benchmark, int size, double opsPerSecond, double error, double megabytesPerSecond) {

}
