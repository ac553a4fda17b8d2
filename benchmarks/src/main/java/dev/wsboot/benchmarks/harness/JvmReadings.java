package dev.wsboot.benchmarks.harness;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/** What a server JVM spends beside its own work: JIT compiler time, and direct (off-heap) buffers. */
final class JvmReadings {

	/** HotSpot's compiler threads, as Linux shortens their names (15 characters). */
	private static final List<String> COMPILER_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");

	private JvmReadings() {
	}

	/** CPU seconds the JIT compiler threads of {@code pid} used so far, from /proc/PID/task/TID/stat. */
	static double jitCpuSeconds(long pid) throws IOException {
		double seconds = 0;
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks.toList()) {
				String stat;
				try {
					stat = Files.readString(task.resolve("stat"));
				}
				catch (IOException ex) {
					// The thread ended between the listing and the read: it has nothing left to count.
					continue;
				}
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				if (COMPILER_THREADS.stream().anyMatch(name::startsWith)) {
					seconds += ServerProcess.cpuSecondsOfStat(stat);
				}
			}
		}
		return seconds;
	}

	/**
	 * Bytes of direct buffers the JVM {@code pid} holds: its {@code direct} buffer pool, read over
	 * the local management agent that the attach API starts (what {@code jcmd} attaches with).
	 */
	static long directBytes(long pid) throws IOException {
		String address;
		try {
			VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
			try {
				address = vm.startLocalManagementAgent();
			}
			finally {
				vm.detach();
			}
		}
		catch (AttachNotSupportedException ex) {
			throw new IOException("Cannot attach to " + pid + ": " + ex.getMessage(), ex);
		}
		try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
			MBeanServerConnection server = connector.getMBeanServerConnection();
			for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(server, BufferPoolMXBean.class)) {
				if ("direct".equals(pool.getName())) {
					return pool.getMemoryUsed();
				}
			}
		}
		throw new IOException("No direct buffer pool in " + pid);
	}

}
